package org.portfolio.contracts;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.Races;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.portfolio.contracts.Fixtures.*;

/** At most one ACTIVE contract per school, even when two activations arrive at the same moment. */
@QuarkusTest
class ConcurrentActivationTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void twoActivationsAtOnceForOneSchoolLetExactlyOneWin() throws Exception {
        for (int round = 0; round < 5; round++) {
            String school = openSchool();
            String first = draft(standardDraft(school));
            String second = draft(standardDraft(school));
            List<java.util.concurrent.Callable<Response>> activations = List.of(first, second).stream()
                    .<java.util.concurrent.Callable<Response>>map(id -> () -> given().auth().oauth2(admin())
                            .contentType(io.restassured.http.ContentType.JSON).post("/api/contracts/" + id + "/activation"))
                    .toList();
            // both wait for the school's lock, so they meet every run (an outside audit of the tests, twenty-first
            // pass: released by a barrier alone, they could pass one after the other)
            List<Integer> statuses = new ArrayList<>();
            List<String> types = new ArrayList<>();
            for (Response r : org.portfolio.testing.Races.whileLocked(dataSource, "select 1 from school where id = ? for update",
                    List.of(UUID.fromString(school)), activations)) {
                statuses.add(r.statusCode());
                if (r.statusCode() == 409) {
                    types.add(r.jsonPath().getString("type"));
                }
            }
            assertThat(statuses).containsExactlyInAnyOrder(200, 409);
            assertThat(types).containsExactly("urn:portfolio:problem:active-contract-exists");
            assertThat(activeContractsOf(school)).isEqualTo(1);
            awaitEvent("ContractActivated", about("schoolId", school));
            assertThat(events("ContractActivated", about("schoolId", school))).hasSize(1);
        }
    }

    @Inject
    org.portfolio.contracts.service.ContractActivation activation;

    @Inject
    org.portfolio.contracts.service.SchoolRegistryService registry;

    /**
     * Review of 2026-12-05: a CLOSE decided while a contract's activation was uncommitted did not see it, and the
     * closed school kept an ACTIVE contract. Both take the school's lock now: the CLOSE waits, then ends it.
     */
    @Test
    void aSchoolClosedWhileAContractIsBeingActivatedEndsThatContract() throws Exception {
        String school = openSchool();
        String draft = draft(standardDraft(school));
        java.util.concurrent.CountDownLatch activated = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> activating = activateAndHold(pool, draft, activated, release);
            assertThat(activated.await(30, TimeUnit.SECONDS)).as("the activation is under way").isTrue();
            Future<?> closing = pool.submit(() -> Races.inRequest(() -> io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() ->
                    registry.decide(UUID.fromString(school), null, org.portfolio.contracts.domain.StatusDecisionKind.CLOSE,
                            "Charter surrendered", null, "test-actor"))));
            // until PostgreSQL shows the CLOSE waiting for a lock (at most 5 s: without the lock it never waits)
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!closing.isDone() && System.nanoTime() < until && Races.sessionsWaitingForALock(dataSource) == 0) {
                Thread.sleep(50);
            }
            release.countDown();
            activating.get(30, TimeUnit.SECONDS);
            closing.get(30, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        given().auth().oauth2(admin()).get("/api/schools/" + school).then().body("status", org.hamcrest.Matchers.equalTo("CLOSED"));
        given().auth().oauth2(admin()).get("/api/contracts/" + draft).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("TERMINATED"));
        assertThat(activeContractsOf(school)).isZero();
    }

    @Inject
    org.portfolio.contracts.service.EvaluationService evaluation;

    /**
     * A metric value that arrives while a contract's activation is uncommitted: without the school's lock the value's
     * transaction saw no active benchmark and the activation's saw no value, so the benchmark was evaluated by
     * neither. Both take the school's lock first: the value waits, then finds the active contract and evaluates it.
     */
    @Test
    void aValueArrivingWhileAContractIsActivatedIsEvaluatedByOneOfTheTwo() throws Exception {
        String school = openSchool();
        String draft = draft(standardDraft(school)); // TEACHER_VACANCIES <= 3 this year
        java.util.concurrent.CountDownLatch activated = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> activating = activateAndHold(pool, draft, activated, release);
            assertThat(activated.await(30, TimeUnit.SECONDS)).as("the activation is under way").isTrue();
            Future<?> value = pool.submit(() -> Races.inRequest(() -> io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() ->
                    evaluation.onMetricValue(new org.portfolio.contracts.service.MetricValue(UUID.randomUUID(),
                            UUID.fromString(school), "TEACHER_VACANCIES", year(0), new java.math.BigDecimal("7"), 40, false,
                            "SIS_SCHOOL_LEVEL", java.time.Instant.now()), "evt-" + UUID.randomUUID()))));
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!value.isDone() && System.nanoTime() < until && Races.sessionsWaitingForALock(dataSource) == 0) {
                Thread.sleep(50);
            }
            assertThat(value.isDone()).as("the value waits for the activation").isFalse();
            release.countDown();
            activating.get(30, TimeUnit.SECONDS);
            value.get(30, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        awaitEvent("BenchmarkEvaluated", about("contractId", draft).and(about("result", "MISSED")));
    }

    /** Activates the draft in a transaction of its own that stays open (its locks held) until {@code release}. */
    private Future<?> activateAndHold(ExecutorService pool, String draft, java.util.concurrent.CountDownLatch activated,
                                      java.util.concurrent.CountDownLatch release) {
        return pool.submit(() -> Races.inRequest(() -> io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> {
            activation.activate(UUID.fromString(draft), null, "Approved by the board", "test-actor");
            activated.countDown();
            Races.await(release);
        })));
    }

    @Test
    void theDatabaseItselfRefusesASecondActiveContract() throws SQLException {
        String school = openSchool();
        activeContract(school);
        String draft = draft(standardDraft(school));
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("update contract set status = 'ACTIVE' where id = ?")) {
            ps.setObject(1, UUID.fromString(draft));
            assertThatThrownBy(ps::executeUpdate).isInstanceOf(SQLException.class)
                    .hasMessageContaining("contract_one_active_per_school");
        }
        assertThat(activeContractsOf(school)).isEqualTo(1);
    }

    private long activeContractsOf(String school) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "select count(*) from contract where school_id = ? and status = 'ACTIVE'")) {
            ps.setObject(1, UUID.fromString(school));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
