package org.portfolio.edfi;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.TestTokens;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

/**
 * Every pooled connection busy (a flood of writes, a stuck transaction): an attendance event with a malformed body is
 * still refused at once (400: the body is checked before a connection is taken), and a valid one gets 503 with
 * Retry-After once the pool's acquisition timeout passes — not a 500 (platform-web {@code DatabaseUnavailable}).
 * Once connections are free again the same write is stored.
 */
@QuarkusTest
class ConnectionPoolExhaustionTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aBusyPoolRefusesMalformedBodiesAtOnceAndAnswers503NotA500() throws Exception {
        long edfiSchool = ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L);
        UUID school = UUID.randomUUID();
        EdFiApiTest.mapSchool(edfiSchool, school);
        String sis = TestTokens.sis(school);
        String student = "P-" + edfiSchool;
        String valid = EventWriteTransactionTest.event(edfiSchool, student, "uri://ed-fi.org/AttendanceEventCategoryDescriptor#Excused Absence");

        List<Connection> held = new ArrayList<>();
        try {
            // every slot: a background thread (the deriver, the relay) may hold one a while, so keep asking for 60 s
            int slots = dataSource.getConfiguration().connectionPoolConfiguration().maxSize();
            long until = System.nanoTime() + 60_000_000_000L;
            while (held.size() < slots) {
                try {
                    held.add(dataSource.getConnection());
                } catch (java.sql.SQLException busy) {
                    assertThat(System.nanoTime()).as("all " + slots + " connections taken within 60 s").isLessThan(until);
                }
            }
            long t0 = System.nanoTime();
            given().auth().oauth2(sis).contentType(ContentType.JSON).body("{\"eventDate\":\"not a date\"}")
                    .post("/edfi/data/v3/ed-fi/studentSchoolAttendanceEvents").then().statusCode(400);
            assertThat((System.nanoTime() - t0) / 1_000_000).as("ms for a malformed body with no free connection").isLessThan(4_000);

            given().auth().oauth2(sis).contentType(ContentType.JSON).body(valid)
                    .post("/edfi/data/v3/ed-fi/studentSchoolAttendanceEvents").then().statusCode(503)
                    .header("Retry-After", equalTo("5"))
                    .body(not(containsString(student)));
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
        given().auth().oauth2(sis).contentType(ContentType.JSON).body(valid)
                .post("/edfi/data/v3/ed-fi/studentSchoolAttendanceEvents").then().statusCode(201);
        Drain.await();
    }
}
