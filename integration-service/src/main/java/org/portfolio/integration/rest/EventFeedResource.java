package org.portfolio.integration.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.portfolio.integration.domain.EventCatalog;
import org.portfolio.integration.domain.FeedRow;
import org.portfolio.integration.domain.FeedWindow;
import org.portfolio.integration.domain.ReadRights;
import org.portfolio.integration.service.CallerRights;
import org.portfolio.integration.service.EventJson;
import org.portfolio.integration.service.FeedQueries;
import org.portfolio.platform.web.problem.FieldError;
import org.portfolio.platform.web.problem.ProblemException;
import org.portfolio.platform.web.security.Roles;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

@Path("/api/events")
@Tag(name = "Change feed", description = "The suite's events as CloudEvents, cursor-paged, filtered by what the caller may read")
@Produces(MediaType.APPLICATION_JSON)
public class EventFeedResource {

    @Inject
    FeedQueries feed;

    @Inject
    CallerRights rights;

    @Inject
    EventJson json;

    @GET
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT, Roles.SCHOOL_LEADER, Roles.SIS, Roles.ENROLLMENT_OFFICER})
    @Operation(summary = "Read the change feed",
            description = "The suite's events after a cursor, oldest first: each school's events in the order they happened. "
                    + "Only events about resources the caller may read are returned (docs/security.md: the school directory "
                    + "to every role; contracts, benchmarks, interventions, autonomy, results and ratings to DISTRICT_ADMIN, "
                    + "OVERSIGHT (an authorizer's client: the schools of its oversight bodies) and a SCHOOL_LEADER for its own "
                    + "schools; enrollment counts also to ENROLLMENT_OFFICER; the "
                    + "match of a round (MatchPublished) to DISTRICT_ADMIN and ENROLLMENT_OFFICER only; "
                    + "WebhookDisabled to DISTRICT_ADMIN and the subscription's owner). Keep `next` and ask with "
                    + "?after=<next> to continue, after any gap; while `hasMore` is true, ask again at once (a page also stops at about "
                    + "1 MB of event data, and holds at least one event). Events are kept "
                    + "400 days (configurable); a cursor from before the last purge is 410 cursor-expired: read again from 0. "
                    + "A cursor past every event the feed has issued (its database was restored from a backup, or reset) "
                    + "is 410 cursor-ahead: read again from 0 too.")
    @APIResponse(responseCode = "200", description = "A page of events and the cursor to continue from",
            content = @Content(schema = @Schema(implementation = FeedPageResponse.class)))
    @APIResponse(responseCode = "410", description = "cursor-expired: events after the cursor were purged (retention); "
            + "cursor-ahead: the cursor is past every event the feed has issued (the feed was restored from a backup or "
            + "reset). Either way read again from after=0, the oldest event kept, and skip the ids you already processed")
    public FeedPageResponse read(
            @Parameter(description = "The cursor: a page's next, or an event's sequence; absent or 0: the start of the feed",
                    schema = @Schema(type = SchemaType.STRING, pattern = "^[0-9]{1,18}$"), example = "1042")
            @QueryParam("after") String after,
            @Parameter(description = "Only these event types (repeat the parameter for several)",
                    schema = @Schema(type = SchemaType.ARRAY, implementation = EventTypeName.class, maxItems = 50))
            @QueryParam("type") @Size(max = 50) List<String> type,
            @Parameter(description = "Only events about this school", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @QueryParam("schoolId") String schoolId,
            @Parameter(description = "Most events in the answer, 1 to 500") @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit,
            @jakarta.ws.rs.core.Context jakarta.ws.rs.core.UriInfo uri) {
        // an empty one reaches the method as null, as if absent: the query says which
        long cursor = cursor(after == null && uri.getQueryParameters().containsKey("after") ? "" : after);
        // an empty type, limit or schoolId too (the document forbids them): `type=` read every type, `limit=` the
        // default, `schoolId=` every school (hostile read of the twenty-sixth pass, W4, and its own read, X11)
        List<String> sentTypes = uri.getQueryParameters().get("type");
        if (sentTypes != null && sentTypes.stream().anyMatch(String::isEmpty)) {
            throw ProblemException.invalid("type", "must be an event type of the feed, not empty");
        }
        List<String> sentSchool = uri.getQueryParameters().get("schoolId");
        if (sentSchool != null && sentSchool.stream().anyMatch(String::isBlank)) {
            throw ProblemException.invalid("schoolId", "must be a UUID, not empty");
        }
        List<String> sentLimit = uri.getQueryParameters().get("limit");
        if (sentLimit != null && sentLimit.stream().anyMatch(String::isEmpty)) {
            throw ProblemException.invalid("limit", "must be a number from 1 to 500, not empty");
        }
        Set<String> types = types(type);
        UUID school = uuid(schoolId);
        ReadRights reader = rights.get();
        FeedWindow w = feed.page(reader, cursor, types, school, limit);
        List<FeedEventResponse> events = new ArrayList<>();
        for (FeedRow r : w.rows()) {
            events.add(new FeedEventResponse("1.0", r.eventId(), r.source(), r.type(), r.subject(), r.time(),
                    "application/json", Long.toString(r.seq()), json.dataMap(r, reader)));
        }
        return new FeedPageResponse(events, Long.toString(w.lastScanned()), w.more());
    }

    static long cursor(String after) {
        if (after == null) {
            return 0;
        }
        // an empty one too is refused (the pattern forbids it): a client's unset cursor re-read the whole feed (N4)
        if (!after.matches("[0-9]{1,18}")) {
            throw ProblemException.invalid("after", "must be a cursor from this feed (a page's next or an event's sequence)");
        }
        return Long.parseLong(after);
    }

    private static Set<String> types(List<String> values) {
        Set<String> out = new LinkedHashSet<>();
        List<FieldError> errors = new ArrayList<>();
        for (String v : values == null ? List.<String>of() : values) {
            if (EventCatalog.audienceOf(v).isEmpty()) {
                errors.add(new FieldError("type", "not an event type of the feed: " + v.substring(0, Math.min(100, v.length()))));
            } else {
                out.add(v);
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return out;
    }

    private static UUID uuid(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("schoolId", "must be a UUID");
        }
    }
}
