package org.portfolio.edfi;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.TestTokens;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 17 (edfi9): an attendance event is written in a plain database transaction on a pooled connection
 * ({@code Sql.transaction}), not a JTA one. A write refused after it took its locks (the category is checked once the
 * mapping lock is held shared) must end its transaction: nothing stored or queued, no advisory lock left on a pooled
 * connection — a mapping change, which takes the mapping lock exclusive, goes through at once — and the pool's
 * connections stay usable for the next writes.
 */
@QuarkusTest
class EventWriteTransactionTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aRefusedEventWriteEndsItsTransactionAndLeavesNoLockBehind() throws Exception {
        long edfiSchool = ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L);
        UUID school = UUID.randomUUID();
        EdFiApiTest.mapSchool(edfiSchool, school);
        String sis = TestTokens.sis(school);
        String ns = "uri://edfi9-" + edfiSchool + ".example.org/AttendanceEventCategoryDescriptor";
        String student = "T-" + edfiSchool;

        // more refusals than the pool has connections (20 by default): each after the locks
        for (int i = 0; i < 25; i++) {
            given().auth().oauth2(sis).contentType(ContentType.JSON).body(event(edfiSchool, student, ns + "#Partial"))
                    .post("/edfi/data/v3/ed-fi/studentSchoolAttendanceEvents").then().statusCode(400);
        }
        assertThat(count("select count(*) from edfi_resource where student_unique_id = ?", student)).as("stored").isZero();
        assertThat(count("select count(*) from edfi_derivation_pending where record_key like ?", "%" + student + "%")).as("queued").isZero();
        // the write path's own locks (school 17, mapping 18, record 20; two-key locks have objsubid 2), not the outbox
        // relay's or the deriver's, which come and go on their own
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(count("select count(*) from pg_locks "
                + "where locktype = 'advisory' and objsubid = 2 and classid in (17, 18, 20) and pid <> pg_backend_pid() "
                + "and database = (select oid from pg_database where datname = current_database())", null))
                .as("the write path's advisory locks held by other sessions").isZero());

        // the mapping lock is free: the district maps the category at once
        CompletableFuture<Integer> mapped = CompletableFuture.supplyAsync(() -> given().auth().oauth2(TestTokens.districtAdmin())
                .contentType(ContentType.JSON).queryParam("namespace", ns)
                .body(List.of(Map.of("codeValue", "Partial", "absence", true, "weight", 1)))
                .put("/edfi/mappings/attendance-categories").statusCode());
        assertThat(mapped.get(20, TimeUnit.SECONDS)).isEqualTo(200);
        Drain.await();

        // and the same write is now stored and queued, on the same pool
        given().auth().oauth2(sis).contentType(ContentType.JSON).body(event(edfiSchool, student, ns + "#Partial"))
                .post("/edfi/data/v3/ed-fi/studentSchoolAttendanceEvents").then().statusCode(201);
        assertThat(count("select count(*) from edfi_resource where student_unique_id = ?", student)).as("stored").isEqualTo(1);
        Drain.await();
    }

    static String event(long edfiSchool, String student, String category) {
        return "{\"attendanceEventCategoryDescriptor\":\"" + category + "\",\"eventDate\":\"2021-09-01\","
                + "\"schoolReference\":{\"schoolId\":" + edfiSchool + "},\"sessionReference\":{\"schoolId\":" + edfiSchool
                + ",\"schoolYear\":2022,\"sessionName\":\"Fall\"},\"studentReference\":{\"studentUniqueId\":\"" + student + "\"}}";
    }

    private long count(String sql, String param) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            if (param != null) {
                st.setString(1, param);
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
