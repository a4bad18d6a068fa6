package org.portfolio.platform.web;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.portfolio.platform.web.http.EntityTags;
import org.portfolio.platform.web.problem.ProblemException;
import org.portfolio.platform.web.security.Caller;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Endpoints that fail in every way a client can make them fail. */
@Path("/widgets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WidgetResource {

    public enum Colour { RED, GREEN }

    public record Part(@NotBlank String name, @Min(1) int count) {
    }

    public record NewWidget(@NotBlank @Size(max = 20) String name, @NotNull Colour colour, @NotNull LocalDate madeOn,
                            @NotNull UUID schoolId, @Min(0) @Max(100) int size, @NotEmpty @Size(max = 50) List<@Valid Part> parts,
                            java.time.Instant deliverBy) {
    }

    @Inject
    Caller caller;

    @POST
    @PermitAll
    public Map<String, Object> create(@Valid @NotNull NewWidget w) {
        return Map.of("name", w.name());
    }

    @GET
    @Path("/{id}")
    @PermitAll
    public Map<String, Object> get(@PathParam("id") UUID id) {
        throw ProblemException.notFound("Widget", id);
    }

    @PUT
    @Path("/{id}")
    @PermitAll
    public Map<String, Object> update(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, Map<String, Object> body) {
        EntityTags.checkIfMatch(ifMatch, 3);
        return Map.of("version", 4);
    }

    @DELETE
    @Path("/{id}")
    @PermitAll
    public void delete(@PathParam("id") UUID id) {
    }

    @GET
    @Path("/export")
    @PermitAll
    @Produces("text/csv")
    public String export() {
        return "name,colour\nbolt,RED\n";
    }

    @GET
    @Path("/list")
    @PermitAll
    public List<String> list(@QueryParam("size") @Min(1) @Max(500) Integer size,
                             @QueryParam("q") @Size(min = 2, max = 5) String q) {
        return q == null ? List.of() : List.of(q);
    }

    @GET
    @Path("/flags")
    @PermitAll
    public Map<String, Object> flags(@QueryParam("enabled") Boolean enabled,
                                     @QueryParam("includeRetired") @jakarta.ws.rs.DefaultValue("false") boolean includeRetired,
                                     @QueryParam("strict") boolean strict,
                                     @QueryParam("lenient") boolean lenient) {
        return Map.of("enabled", String.valueOf(enabled), "includeRetired", includeRetired, "strict", strict);
    }

    @GET
    @Path("/race")
    @PermitAll
    public String race(@jakarta.ws.rs.QueryParam("state") String state) {
        if ("datetime".equals(state)) {
            return java.time.LocalDate.MAX.plusDays(1).toString(); // DateTimeException: Invalid value for Year: +999999999…
        }
        // what Hibernate throws when PostgreSQL refuses a duplicate key or a serialization failure
        throw new IllegalStateException("could not execute statement",
                new java.sql.SQLException("ERROR: duplicate key value violates unique constraint \"x_key\"", state));
    }

    /** A connection of the service's own that closed (an outgoing call), not the client's: a 500, not "body ended". */
    @GET
    @Path("/closed-outbound")
    @PermitAll
    public String closedOutbound() throws java.io.IOException {
        throw new java.io.IOException("the call to another service failed", new java.nio.channels.ClosedChannelException());
    }

    /** What Hibernate throws when an optimistic lock is lost (matched by its simple name, as ProblemMappers does). */
    @GET
    @Path("/stale")
    @PermitAll
    public String stale() {
        throw new IllegalStateException("flush failed", new StaleStateException());
    }

    static final class StaleStateException extends RuntimeException {
    }

    @GET
    @Path("/unavailable")
    @PermitAll
    public String unavailable(@jakarta.ws.rs.QueryParam("state") String state) {
        // what a service sees when the database is down or busy: the driver's state, or Agroal's stateless pool timeout
        java.sql.SQLException cause = "pool".equals(state) ? new java.sql.SQLException("Sorry, acquisition timeout!")
                : "pool-new".equals(state) ? new java.sql.SQLException("Acquisition timeout while waiting for new connection")
                : new java.sql.SQLException("FATAL: the database system is shutting down (row: student S-1)", state);
        throw new IllegalStateException("could not obtain a connection", cause);
    }

    @GET
    @Path("/boom")
    @PermitAll
    public String boom() {
        throw new IllegalStateException("secret internal detail");
    }

    /** A failure whose messages quote the data it failed on, as Hibernate's and drivers' do. */
    @GET
    @Path("/boom-quoting")
    @PermitAll
    public String boomQuoting() {
        throw new IllegalStateException("Row was updated for entity [Applicant with id '6f1c2a3e-9b7d-4c1e-8a2f-0d3b5e7c9a11']",
                new java.sql.SQLException("duplicate: student 604822 named \"Maria Lopez\" <maria.lopez@example.org>"));
    }

    @GET
    @Path("/items/{name}")
    @PermitAll
    public Map<String, Object> item(@PathParam("name") @jakarta.validation.constraints.Size(max = 20) String name) {
        return Map.of("name", name);
    }

    @GET
    @Path("/guarded")
    @RolesAllowed("DISTRICT_ADMIN")
    public List<String> guarded(@QueryParam("q") @jakarta.validation.constraints.Size(max = 20) String q) {
        return q == null ? List.of() : List.of(q);
    }

    @GET
    @Path("/admin")
    @RolesAllowed("DISTRICT_ADMIN")
    public Map<String, Object> admin() {
        return Map.of("caller", caller.id());
    }

    @GET
    @Path("/schools/{schoolId}")
    @RolesAllowed({"DISTRICT_ADMIN", "SCHOOL_LEADER"})
    public Map<String, Object> school(@PathParam("schoolId") UUID schoolId) {
        caller.requireSchool(schoolId);
        return Map.of("school", schoolId.toString());
    }

    @GET
    @Path("/unannotated")
    public String unannotated() {
        return "should never be served";
    }
}
