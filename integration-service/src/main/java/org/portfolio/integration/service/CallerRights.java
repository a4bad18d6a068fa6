package org.portfolio.integration.service;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.portfolio.integration.domain.ReadRights;
import org.portfolio.platform.web.security.Caller;

import java.util.stream.Collectors;

/** The current caller's {@link ReadRights}: only the roles the endpoint admits count (platform-web's Caller). */
@RequestScoped
public class CallerRights {

    @Inject
    Caller caller;

    public ReadRights get() {
        return new ReadRights(caller.id(),
                ReadRights.ALL_ROLES.stream().filter(caller::actsAs).collect(Collectors.toSet()),
                caller.schoolScope().ids(), caller.schoolScope().allSchools(), caller.oversightDistrictWide());
    }

    /** The token was narrowed to some schools at issue: what it registers acts for those schools only. */
    public boolean narrowedToSchools() {
        return caller.narrowedToSchools();
    }
}
