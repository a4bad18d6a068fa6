package org.portfolio.edfi;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.TestTokens;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 17: each instance keeps the mappings in memory and reloads them when their version (V7, bumped by a trigger in
 * every mapping change's transaction) moved. A change made elsewhere — another instance, or plain SQL as here, never
 * through this instance's code — is seen by the next write; a write that waits for a mapping change's lock (the school's
 * lock of a school map change, the mapping lock of a category change: what MappingService takes) sees the change once it
 * commits, never the copy it held before.
 */
@QuarkusTest
class MappingCacheTest {

    static final String EVENTS = "/edfi/data/v3/ed-fi/studentSchoolAttendanceEvents";
    static final String NS = "uri://ed-fi.org/AttendanceEventCategoryDescriptor";

    @Inject
    AgroalDataSource dataSource;

    long edfiSchool;
    UUID school;
    String sis;

    @BeforeEach
    void school() {
        edfiSchool = ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L);
        school = UUID.randomUUID();
        sis = TestTokens.sis(school);
        EdFiApiTest.mapSchool(edfiSchool, school);
    }

    @Test
    void aSchoolMapChangeMadeElsewhereIsSeenByTheNextWrite() throws Exception {
        post(event("C-1", "2021-09-01", NS + "#Excused Absence")).then().statusCode(201); // this instance's copy is current
        sql("update edfi_school_map set school_id = '" + UUID.randomUUID() + "' where edfi_school_id = " + edfiSchool);
        post(event("C-1", "2021-09-02", NS + "#Excused Absence")).then().statusCode(403);
        sql("update edfi_school_map set school_id = '" + school + "' where edfi_school_id = " + edfiSchool);
        post(event("C-1", "2021-09-03", NS + "#Excused Absence")).then().statusCode(201);
    }

    @Test
    void aCategoryMappedOrRemovedElsewhereIsSeenByTheNextWrite() throws Exception {
        String ns = "uri://district.example/Cache" + edfiSchool;
        post(event("C-2", "2021-09-01", ns + "#Sick")).then().statusCode(400);
        sql("insert into edfi_attendance_category values ('" + ns + "', 'Sick', true, 1, 'test', now())");
        post(event("C-2", "2021-09-01", ns + "#Sick")).then().statusCode(201);
        sql("delete from edfi_attendance_category where namespace = '" + ns + "' and code_value = 'Sick'");
        post(event("C-2", "2021-09-02", ns + "#Sick")).then().statusCode(400);
    }

    @Test
    void aWriteWaitingForASchoolRemapSeesTheNewMappingOnceItCommits() throws Exception {
        post(event("C-3", "2021-09-01", NS + "#Excused Absence")).then().statusCode(201);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection remap = dataSource.getConnection()) {
            remap.setAutoCommit(false);
            // MappingService.mapSchool: the school's lock exclusive, then the row
            exec(remap, "select pg_advisory_xact_lock(17, hashtext('" + edfiSchool + "'))");
            exec(remap, "update edfi_school_map set school_id = '" + UUID.randomUUID() + "' where edfi_school_id = " + edfiSchool);
            Future<Integer> write = pool.submit(() -> post(event("C-3", "2021-09-02", NS + "#Excused Absence")).statusCode());
            assertThatThrownBy(() -> write.get(1_500, TimeUnit.MILLISECONDS)).as("the write waits for the remap")
                    .isInstanceOf(TimeoutException.class);
            remap.commit();
            assertThat(write.get(20, TimeUnit.SECONDS)).as("the school is no longer the client's").isEqualTo(403);
        } finally {
            pool.shutdownNow();
        }
        sql("update edfi_school_map set school_id = '" + school + "' where edfi_school_id = " + edfiSchool);
    }

    @Test
    void aWriteWaitingForACategoryChangeSeesTheNewMappingOnceItCommits() throws Exception {
        String ns = "uri://district.example/Wait" + edfiSchool;
        post(event("C-4", "2021-09-01", NS + "#Excused Absence")).then().statusCode(201);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection change = dataSource.getConnection()) {
            change.setAutoCommit(false);
            // MappingService.replaceCategories: the mapping lock exclusive, then the rows
            exec(change, "select pg_advisory_xact_lock(18, 0)");
            exec(change, "insert into edfi_attendance_category values ('" + ns + "', 'Sick', true, 1, 'test', now())");
            Future<Integer> write = pool.submit(() -> post(event("C-4", "2021-09-02", ns + "#Sick")).statusCode());
            assertThatThrownBy(() -> write.get(1_500, TimeUnit.MILLISECONDS)).as("the write waits for the change")
                    .isInstanceOf(TimeoutException.class);
            change.commit();
            assertThat(write.get(20, TimeUnit.SECONDS)).as("the category is mapped now").isEqualTo(201);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aMappingChangeWaitsForAWriteThatHoldsTheSharedMappingLock() throws Exception {
        // the other direction: a category change (mapping lock exclusive) waits while a transaction holds it shared
        try (Connection writer = dataSource.getConnection()) {
            writer.setAutoCommit(false);
            exec(writer, "select pg_advisory_xact_lock_shared(18, 0)");
            CompletableFuture<Integer> change = CompletableFuture.supplyAsync(() -> given().auth().oauth2(TestTokens.districtAdmin())
                    .contentType(ContentType.JSON).body("[{\"codeValue\":\"Sick\",\"absence\":true,\"weight\":1}]")
                    .put("/edfi/mappings/attendance-categories?namespace=uri://district.example/Held" + edfiSchool).statusCode());
            assertThatThrownBy(() -> change.get(1_500, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
            writer.commit();
            assertThat(change.get(20, TimeUnit.SECONDS)).isEqualTo(200);
        }
    }

    /**
     * Review of the mappings cache, M1: the database goes back in time under a running instance (a failover to a standby
     * that missed the last commits, a restore) and a later change brings the version back to a number this instance has
     * cached with other mappings — it must not use them (V8: a change's version is above the clock in microseconds).
     */
    @Test
    void aVersionNumberNeverComesBackWithOtherMappings() throws Exception {
        post(event("C-4", "2021-09-01", NS + "#Excused Absence")).then().statusCode(201); // this instance's copy is current
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            exec(c, "update edfi_mapping_version set version = version - 1");
            exec(c, "update edfi_school_map set school_id = '" + UUID.randomUUID() + "' where edfi_school_id = " + edfiSchool);
            c.commit();
        }
        post(event("C-4", "2021-09-02", NS + "#Excused Absence")).then().statusCode(403);
    }

    /**
     * Review of the mappings cache, M2: a client outside the school's scope is refused before it takes the school's lock
     * (as before the cache): it neither waits behind the school's writers nor holds a connection while it does.
     */
    @Test
    void aClientOutsideTheSchoolsScopeIsRefusedWithoutWaitingForTheSchoolsLock() throws Exception {
        post(event("C-5", "2021-09-01", NS + "#Excused Absence")).then().statusCode(201);
        String other = TestTokens.sis(UUID.randomUUID());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            exec(c, "select pg_advisory_xact_lock(17, hashtext('" + edfiSchool + "'))");
            CompletableFuture<Integer> f = CompletableFuture.supplyAsync(() -> given().auth().oauth2(other)
                    .contentType(ContentType.JSON).body(event("C-5", "2021-09-02", NS + "#Excused Absence")).post(EVENTS).statusCode());
            try {
                assertThat(f.get(5, TimeUnit.SECONDS)).as("refused while the school's lock is held").isEqualTo(403);
            } finally {
                c.commit();
            }
        }
    }

    Response post(String body) {
        return given().auth().oauth2(sis).contentType(ContentType.JSON).body(body).post(EVENTS);
    }

    String event(String student, String date, String category) {
        return "{\"attendanceEventCategoryDescriptor\":\"" + category + "\",\"eventDate\":\"" + date + "\","
                + "\"schoolReference\":{\"schoolId\":" + edfiSchool + "},\"sessionReference\":{\"schoolId\":" + edfiSchool
                + ",\"schoolYear\":2022,\"sessionName\":\"Fall\"},\"studentReference\":{\"studentUniqueId\":\"" + student + "\"}}";
    }

    void sql(String statement) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            exec(c, statement);
        }
    }

    static void exec(Connection c, String statement) throws Exception {
        try (PreparedStatement st = c.prepareStatement(statement)) {
            st.execute();
        }
    }
}
