package org.portfolio.edfi.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.portfolio.edfi.repository.SentStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.portfolio.platform.web.correlation.RequestCorrelation;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * performance-service's ingestion API ({@code POST /api/performance/ingest/attendance} and {@code /assessments},
 * docs/performance-service.md) and its assessment corrections (retractions), called by the deriver with edfi-service's
 * own client's token ({@link ServiceToken}, svc_edfi) — never an Ed-Fi caller's: the caller's role and school scope were
 * checked when the write was stored, and the deriver sends only records of the school the write was authorised for.
 * performance-service lists at most 100 row errors per upload: {@link Outcome#complete()} says whether every rejection
 * was listed (the deriver sends at most 100 rows at once, so it always is). Nothing of a row (student ids) is logged.
 */
@ApplicationScoped
public class PerformanceClient {

    private static final Logger LOG = Logger.getLogger(PerformanceClient.class);

    /** A row performance-service rejected: its index in the upload (0-based), the field and why. */
    public record Rejected(int index, String field, String message) {
    }

    /**
     * What became of an upload: the rows rejected (none when all were kept); {@code complete} false when
     * performance-service rejected more rows than it listed (a row not listed may have been rejected too).
     */
    public record Outcome(List<Rejected> rejected, boolean complete) {
    }

    /** performance-service refused the whole upload (a status and its problem type and detail) or could not be reached. */
    public static final class Refused extends RuntimeException {
        private final int status;

        Refused(int status, String detail) {
            super(detail, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    @Inject
    EdFiConfig config;

    @Inject
    ObjectMapper mapper;

    /**
     * The reason code of the door's retractions (published with their consequences) and their note (kept in
     * performance-service's correction audit, never published; it names no student either).
     */
    static final String RETRACTION_CODE = "SOURCE_RECORD_CHANGED";
    static final String RETRACTION_NOTE = "Retracted through the Ed-Fi door: the studentAssessment behind this result was "
            + "deleted, or its assessment, school or mapping changed (edfi-service)";
    static final String ATTENDANCE_RETRACTION_NOTE = "Retracted through the Ed-Fi door: the Ed-Fi school of this "
            + "attendance record is mapped to another school now, or nothing derives the record any more (edfi-service)";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public Outcome uploadAttendance(String authorization, ArrayNode rows) {
        return upload("attendance", authorization, rows);
    }

    /** Assessment records: {@code POST /api/performance/ingest/assessments}, as an SIS upload. */
    public Outcome uploadAssessments(String authorization, ArrayNode rows) {
        return upload("assessments", authorization, rows);
    }

    /**
     * Retracts assessment records by natural key through performance-service's corrections API ({@code POST
     * /api/performance/corrections/assessments}, RETRACT items, reason code SOURCE_RECORD_CHANGED, the note naming the Ed-Fi door): the metrics are
     * recomputed and the chain reruns as for any correction. A record performance-service does not have is already gone.
     */
    public void retractAssessments(String authorization, List<SentStore.Sent> records) {
        if (records.isEmpty()) {
            return;
        }
        HttpResponse<String> res = correction(authorization, records);
        if (res.statusCode() == 201 || res.statusCode() == 200) {
            return;
        }
        JsonNode body = json(res);
        if (res.statusCode() == 422 && body.path("type").asText("").endsWith("record-not-found")) {
            if (records.size() == 1) {
                return;
            }
            // all or nothing: retract the others one by one, skipping those performance-service does not have
            for (SentStore.Sent r : records) {
                retractAssessments(authorization, List.of(r));
            }
            return;
        }
        LOG.warnf("performance-service refused a retraction of %d assessment records: %d %s", records.size(), res.statusCode(),
                body.path("type").asText(""));
        throw new Refused(res.statusCode(), "performance-service refused to retract the assessment records ("
                + res.statusCode() + "): " + body.path("detail").asText(""));
    }

    /**
     * Retracts attendance records by natural key (school, school year, student) through {@code POST
     * /api/performance/corrections/attendance}, RETRACT items, as {@link #retractAssessments}: a record that moved to
     * another suite school (a school mapped again) or that nothing derives any more (twenty-seventh pass, Q5). At most
     * 500 items a request (performance-service's bound); a record performance-service does not have is answered as
     * retracted to this client.
     */
    public void retractAttendance(String authorization, List<SentStore.SentAttendance> records) {
        for (int i = 0; i < records.size(); i += 500) {
            ObjectNode body = mapper.createObjectNode();
            body.put("reasonCode", RETRACTION_CODE);
            body.put("note", ATTENDANCE_RETRACTION_NOTE);
            ArrayNode items = body.putArray("items");
            for (SentStore.SentAttendance r : records.subList(i, Math.min(records.size(), i + 500))) {
                items.addObject().put("schoolId", r.schoolId().toString()).put("schoolYear", r.schoolYear())
                        .put("studentId", r.studentId()).put("action", "RETRACT");
            }
            HttpResponse<String> res = send(config.performanceUrl().resolve("/api/performance/corrections/attendance"),
                    authorization, body.toString());
            if (res.statusCode() == 201 || res.statusCode() == 200) {
                continue;
            }
            JsonNode answer = json(res);
            if (res.statusCode() == 422 && answer.path("type").asText("").endsWith("record-not-found")) {
                continue; // a client that reads every value is told; these records are gone already
            }
            LOG.warnf("performance-service refused a retraction of %d attendance records: %d %s", items.size(),
                    res.statusCode(), answer.path("type").asText(""));
            throw new Refused(res.statusCode(), "performance-service refused to retract the attendance records ("
                    + res.statusCode() + "): " + answer.path("detail").asText(""));
        }
    }

    private HttpResponse<String> correction(String authorization, List<SentStore.Sent> records) {
        ObjectNode body = mapper.createObjectNode();
        body.put("reasonCode", RETRACTION_CODE);
        body.put("note", RETRACTION_NOTE);
        ArrayNode items = body.putArray("items");
        for (SentStore.Sent r : records) {
            items.addObject().put("schoolId", r.schoolId().toString()).put("schoolYear", r.schoolYear()).put("studentId", r.studentId())
                    .put("subject", r.subject()).put("testCode", r.testCode()).put("action", "RETRACT");
        }
        return send(config.performanceUrl().resolve("/api/performance/corrections/assessments"), authorization, body.toString());
    }

    private HttpResponse<String> send(URI uri, String authorization, String body) {
        HttpRequest.Builder rb = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            rb.header("Authorization", authorization);
        }
        String requestId = RequestCorrelation.requestId();
        if (requestId != null) {
            rb.header(RequestCorrelation.REQUEST_ID_HEADER, requestId);
        }
        try {
            return http.send(rb.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            LOG.warnf("performance-service not reachable at %s: %s", uri, e.getClass().getSimpleName());
            throw new Refused(503, "performance-service cannot be reached; retry later");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused(503, "interrupted");
        }
    }

    private JsonNode json(HttpResponse<String> res) {
        try {
            return res.body() == null || res.body().isEmpty() ? mapper.createObjectNode() : mapper.readTree(res.body());
        } catch (IOException e) {
            return mapper.createObjectNode();
        }
    }

    private Outcome upload(String kind, String authorization, ArrayNode rows) {
        HttpResponse<String> res = send(config.performanceUrl().resolve("/api/performance/ingest/" + kind), authorization, rows.toString());
        JsonNode body = json(res);
        if (res.statusCode() != 201 && res.statusCode() != 200) {
            String detail = body.path("detail").asText("");
            LOG.warnf("performance-service refused %d derived %s records: %d %s", rows.size(), kind, res.statusCode(),
                    body.path("type").asText(""));
            throw new Refused(res.statusCode(), "performance-service refused the derived " + kind + " records ("
                    + res.statusCode() + "): " + detail);
        }
        List<Rejected> rejected = new ArrayList<>();
        for (JsonNode e : body.path("errors")) {
            rejected.add(new Rejected((int) e.path("row").asLong() - 1, e.path("field").asText(), e.path("message").asText()));
        }
        // more rejections than the answer lists: the caller must not take an unlisted row as kept (nor as rejected)
        return new Outcome(rejected, body.path("rowsRejected").asLong() <= rejected.size());
    }
}
