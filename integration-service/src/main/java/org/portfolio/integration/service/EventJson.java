package org.portfolio.integration.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.portfolio.integration.domain.Audience;
import org.portfolio.integration.domain.FeedRow;
import org.portfolio.integration.domain.ReadRights;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A feed event as a CloudEvent in structured JSON: the original event's id, source, type, subject, time and data,
 * plus the CloudEvents {@code sequence} extension: its place in the feed (the cursor to resume after it).
 * <p>
 * A directory event every role reads may carry fields of a record fewer roles may read: {@code SchoolStatusChanged}
 * names the decision's reason and the deciding client, which {@code GET /api/schools/{id}/decisions} keeps to
 * DISTRICT_ADMIN, the school's oversight and its leaders. For a reader who may not read the school's records those two
 * fields are left out ({@link #redactedFor}); the rest of the event (the school, its old and new status, the decision,
 * its date) is the directory's.
 */
@ApplicationScoped
public class EventJson {

    @Inject
    ObjectMapper mapper;

    /** Fields of an event type left out for a reader who may not read the school's records (docs/security.md T4c). */
    static final java.util.Map<String, java.util.List<String>> RECORD_FIELDS = java.util.Map.of(
            "portfolio.contracts.SchoolStatusChanged.v1", java.util.List.of("reason", "decidedBy"));

    /** The event as this reader may see it. */
    public ObjectNode of(FeedRow row, ReadRights reader) {
        return of(row, data(row, reader));
    }

    private ObjectNode of(FeedRow row, JsonNode data) {
        ObjectNode ce = mapper.createObjectNode();
        ce.put("specversion", "1.0");
        ce.put("id", row.eventId());
        ce.put("source", row.source());
        ce.put("type", row.type());
        if (row.subject() != null) {
            ce.put("subject", row.subject());
        }
        ce.put("time", row.time().toString());
        ce.put("datacontenttype", "application/json");
        ce.put("sequence", Long.toString(row.seq()));
        ce.set("data", data);
        return ce;
    }

    /**
     * An ENROLLMENT_DROP flag's prior-result figures, and its reason that quotes them: they count results of the year
     * before at any school, so a school that posts its own attendance could learn another school's student's result by
     * comparing them; only DISTRICT_ADMIN and OVERSIGHT read them (performance-service's PriorResultsRedaction, security.md
     * T30). The event carried them to a school leader's feed and webhooks (review of the third pass of 2026-12-05).
     */
    static final String INTEGRITY_FLAG_RAISED = "portfolio.performance.IntegrityFlagRaised.v1";
    static final java.util.List<String> PRIOR_RESULT_FIGURES = java.util.List.of("leaversWithPriorResult",
            "leaversLowPriorResult", "stayersWithPriorResult", "stayersLowPriorResult", "leaversLowPercent",
            "stayersLowPercent", "differencePoints");

    /** Does this reader see the event with fields it may not read left out? */
    public static boolean redactedFor(FeedRow row, ReadRights reader) {
        return (RECORD_FIELDS.containsKey(row.type()) && !reader.canRead(Audience.SCHOOL_RECORD, row.schoolIds(), null))
                || (INTEGRITY_FLAG_RAISED.equals(row.type()) && !seesPriorResults(reader));
    }

    private static boolean seesPriorResults(ReadRights reader) {
        return reader.has(ReadRights.DISTRICT_ADMIN) || reader.has(ReadRights.OVERSIGHT);
    }

    /** The data as this reader may see it. */
    public JsonNode data(FeedRow row, ReadRights reader) {
        JsonNode data = data(row);
        if (redactedFor(row, reader) && data instanceof ObjectNode o) {
            if (RECORD_FIELDS.containsKey(row.type())) {
                o.remove(RECORD_FIELDS.get(row.type()));
            }
            if (INTEGRITY_FLAG_RAISED.equals(row.type()) && "ENROLLMENT_DROP".equals(o.path("rule").asText())) {
                o.remove("reason");
                if (o.get("evidence") instanceof ObjectNode evidence) {
                    evidence.remove(PRIOR_RESULT_FIGURES);
                }
            }
        }
        return data;
    }

    private JsonNode data(FeedRow row) {
        try {
            return mapper.readTree(row.data());
        } catch (IOException e) {
            throw new UncheckedIOException("feed event " + row.seq() + " holds no JSON", e);
        }
    }

    /** The data as a map (an answer's field). */
    @SuppressWarnings("unchecked")
    public java.util.Map<String, Object> dataMap(FeedRow row, ReadRights reader) {
        return mapper.convertValue(data(row, reader), java.util.Map.class);
    }

    /** The CloudEvent as this reader (a subscription's owner) may see it, as JSON text. */
    public String body(FeedRow row, ReadRights reader) {
        try {
            return mapper.writeValueAsString(of(row, reader));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
