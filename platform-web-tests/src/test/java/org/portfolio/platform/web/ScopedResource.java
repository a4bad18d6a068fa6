package org.portfolio.platform.web;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.portfolio.platform.web.security.Caller;
import org.portfolio.platform.web.security.Roles;

import java.util.Map;
import java.util.UUID;

/** Endpoints whose answer depends on the caller's school scope, as the services' are. */
@Path("/scoped")
@Produces(MediaType.APPLICATION_JSON)
public class ScopedResource {

    @Inject
    Caller caller;

    /** Like a school profile: DISTRICT_ADMIN and OVERSIGHT for every school, SCHOOL_LEADER for its own. */
    @GET
    @Path("/profiles/{school}")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT, Roles.SCHOOL_LEADER})
    public Map<String, Object> profile(@PathParam("school") UUID school) {
        caller.requireSchool(school);
        return Map.of("school", school.toString(), "districtWide", caller.isDistrictWide());
    }

    /** Like program statistics: ENROLLMENT_OFFICER is district-wide here. */
    @GET
    @Path("/statistics/{school}")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT, Roles.SCHOOL_LEADER, Roles.ENROLLMENT_OFFICER})
    public Map<String, Object> statistics(@PathParam("school") UUID school) {
        caller.requireSchool(school);
        return Map.of("school", school.toString(), "districtWide", caller.isDistrictWide());
    }

    /** Like registering a school under an oversight body. */
    @jakarta.ws.rs.POST
    @Path("/bodies/{body}/schools")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT})
    public Map<String, Object> placeSchool(@PathParam("body") UUID body) {
        caller.requireOversightBody(body);
        return Map.of("body", body.toString(), "districtWide", caller.isDistrictWide());
    }

    /** Public: every role and the anonymous caller. */
    @GET
    @Path("/public/{school}")
    @PermitAll
    public Map<String, Object> open(@PathParam("school") UUID school) {
        return Map.of("school", school.toString(), "districtWide", caller.isDistrictWide());
    }
}
