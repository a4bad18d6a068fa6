package org.portfolio.edfi;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.TestTokens;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17: the statements and round trips of one Ed-Fi attendance event write, counted at the JDBC driver (pgjdbc's
 * protocol log on the thread that serves the request: a statement is an Execute message, or the simple query BEGIN,
 * which pgjdbc sends with the first statement; a round trip is a Sync). Before issue 17, an SIS's new event took 10
 * statements in 9 round trips (BEGIN, the whole school map, the mapping lock, the whole category table, the school's
 * lock, the key's lock, the stored event, insert, queue row, COMMIT), a changed one 12 in 11, an unchanged re-post 9 in
 * 8, a district administrator's new event 9 in 8. Then (the mappings cache): the three locks in one statement, then the
 * mappings' version and the stored event in a second one sent in the same round trip; the mappings are not read while
 * their version stays — 6 statements in 4 round trips. Now (edfi9): the event's insert or update and its
 * derivation-pending row are one statement (a CTE) — 5 statements in 3 round trips.
 */
@QuarkusTest
class WritePathStatementsTest {

    static final String NS = "uri://ed-fi.org/AttendanceEventCategoryDescriptor";

    record Count(int statements, int roundTrips, List<String> messages) {
    }

    @Test
    void anAttendanceEventWriteTakesFiveStatementsInThreeRoundTrips() {
        long edfiSchool = ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L);
        UUID school = UUID.randomUUID();
        EdFiApiTest.mapSchool(edfiSchool, school);
        String sis = TestTokens.sis(school);
        post(sis, event(edfiSchool, "S-0", "2021-09-01", null), 201); // the mappings' copy of this version, the statements prepared

        Count created = count(() -> post(sis, event(edfiSchool, "S-1", "2021-09-01", null), 201));
        Count updated = count(() -> post(sis, event(edfiSchool, "S-1", "2021-09-01", "0.5"), 200));
        Count unchanged = count(() -> post(sis, event(edfiSchool, "S-1", "2021-09-01", "0.5"), 200));
        Count admin = count(() -> post(TestTokens.districtAdmin(), event(edfiSchool, "S-2", "2021-09-01", null), 201));
        System.out.printf("attendance event write (statements/round trips), SIS: new %d/%d; changed %d/%d; unchanged %d/%d; "
                + "district admin, new %d/%d%n", created.statements(), created.roundTrips(), updated.statements(), updated.roundTrips(),
                unchanged.statements(), unchanged.roundTrips(), admin.statements(), admin.roundTrips());
        // BEGIN, locks, version and stored event (one round trip); insert or update with its queue row (one statement); COMMIT
        assertThat(List.of(created.statements(), created.roundTrips())).as("new").containsExactly(5, 3);
        assertThat(List.of(updated.statements(), updated.roundTrips())).as("changed").containsExactly(5, 3);
        // BEGIN, locks, version and stored event; the queue row alone; COMMIT
        assertThat(List.of(unchanged.statements(), unchanged.roundTrips())).as("unchanged re-post (queued again)").containsExactly(5, 3);
        assertThat(List.of(admin.statements(), admin.roundTrips())).as("district administrator, new").containsExactly(5, 3);
    }

    static void post(String token, String body, int status) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/edfi/data/v3/ed-fi/studentSchoolAttendanceEvents")
                .then().statusCode(status);
    }

    static String event(long edfiSchool, String student, String date, String duration) {
        return "{\"attendanceEventCategoryDescriptor\":\"" + NS + "#Excused Absence\",\"eventDate\":\"" + date + "\","
                + (duration == null ? "" : "\"eventDuration\":" + duration + ",")
                + "\"schoolReference\":{\"schoolId\":" + edfiSchool + "},\"sessionReference\":{\"schoolId\":" + edfiSchool
                + ",\"schoolYear\":2022,\"sessionName\":\"Fall\"},\"studentReference\":{\"studentUniqueId\":\"" + student + "\"}}";
    }

    /** The statements (Execute messages) and round trips (Sync messages) pgjdbc sent for the request's thread. */
    static Count count(Runnable request) {
        Logger log = Logger.getLogger("org.postgresql.core.v3.QueryExecutorImpl");
        List<String> messages = Collections.synchronizedList(new ArrayList<>());
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (Thread.currentThread().getName().startsWith("executor-thread") && r.getMessage() != null) {
                    String m = r.getMessage().trim();
                    if (m.startsWith("FE=>")) {
                        messages.add(java.text.MessageFormat.format(m, r.getParameters() == null ? new Object[0] : r.getParameters()));
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Level level = log.getLevel();
        boolean parents = log.getUseParentHandlers();
        log.addHandler(h);
        log.setUseParentHandlers(false);
        log.setLevel(Level.FINEST);
        try {
            request.run();
        } finally {
            log.setLevel(level);
            log.setUseParentHandlers(parents);
            log.removeHandler(h);
        }
        List<String> copy;
        synchronized (messages) {
            copy = List.copyOf(messages);
        }
        int statements = (int) copy.stream().filter(m -> m.startsWith("FE=> Execute") || m.startsWith("FE=> SimpleQuery")).count();
        int syncs = (int) copy.stream().filter(m -> m.startsWith("FE=> Sync")).count();
        assertThat(statements).as("pgjdbc's protocol log is on (quarkus.log.category min-level)").isPositive();
        return new Count(statements, syncs, copy);
    }
}
