package org.portfolio.contracts;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.portfolio.contracts.service.ContractExpiryJob;
import org.portfolio.testing.TestClock;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.portfolio.contracts.Fixtures.*;

/** The expiry job, run on the day after a term ends (the service's clock moved, no sleeping). */
@QuarkusTest
class ContractExpiryTest {

    @Inject
    ContractExpiryJob job;

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    @Test
    void aContractExpiresTheDayAfterItsTermEndsAndNotBefore() {
        String school = openSchool();
        String oneYear = draft(draftBody(school, year(0), year(0), List.of(provision("PEOPLE", "FULL_WITH_EXPECTATIONS")),
                List.of(vacancies())));
        activate(oneYear).statusCode(200);
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("level", "NOTICE_OF_CONCERN", "reason", "x"))
                .put("/api/contracts/" + oneYear + "/intervention").then().statusCode(200);
        LocalDate lastDay = lastDayOf(year(0));

        standOn(lastDay);
        job.run();
        given().auth().oauth2(admin()).get("/api/contracts/" + oneYear).then().body("status", equalTo("ACTIVE"));

        standOn(lastDay.plusDays(1));
        assertThat(job.run()).isGreaterThanOrEqualTo(1);
        given().auth().oauth2(admin()).get("/api/contracts/" + oneYear).then()
                .body("status", equalTo("EXPIRED")).body("ended.effectiveDate", equalTo(lastDay.toString()))
                .body("ended.by", equalTo("system")).body("interventionLevel", equalTo("NONE"));
        var ended = awaitEvent("ContractEnded", about("contractId", oneYear));
        assertThat(ended.data().get("endedAs").asText()).isEqualTo("EXPIRED");
        assertThat(ended.data().get("effectiveDate").asText()).isEqualTo(lastDay.toString());
        awaitEvent("InterventionEscalated", about("contractId", oneYear).and(about("level", "NONE")));
        // running again changes nothing
        job.run();
        assertThat(events("ContractEnded", about("contractId", oneYear))).hasSize(1);
    }

    /**
     * A decided end's date is the contract's last day, as a term's last day is: the contract holds through it and the
     * expiry job ends it the night after (hostile review of 2026-12-05, sixth pass: it ended on that day, so a
     * non-renewal at the term's end took the school's autonomy a day before an expiry would have).
     */
    @Test
    void decidedEndsTakeEffectAfterTheirDateAsATermsEndDoes() {
        String nonRenewed = activeContract(openSchool());
        String terminated = activeContract(openSchool());
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("reason", "Not viable"))
                .post("/api/contracts/" + nonRenewed + "/non-renewal").then().statusCode(200);
        LocalDate termination = LocalDate.now(ZoneOffset.UTC).plusDays(40);
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("reason", "Operator withdraws", "effectiveDate", termination.toString()))
                .post("/api/contracts/" + terminated + "/termination").then().statusCode(200)
                .body("status", equalTo("ACTIVE")).body("scheduledEnd.as", equalTo("TERMINATED"));

        standOn(termination);
        job.run();
        given().auth().oauth2(admin()).get("/api/contracts/" + terminated).then().body("status", equalTo("ACTIVE"));
        standOn(termination.plusDays(1));
        job.run();
        given().auth().oauth2(admin()).get("/api/contracts/" + terminated).then()
                .body("status", equalTo("TERMINATED")).body("ended.effectiveDate", equalTo(termination.toString()))
                .body("ended.reason", equalTo("Operator withdraws")).body("ended.by", equalTo("test-client"));
        given().auth().oauth2(admin()).get("/api/contracts/" + nonRenewed).then().body("status", equalTo("ACTIVE"));

        LocalDate termEnd = lastDayOf(year(2));
        standOn(termEnd);
        job.run();
        given().auth().oauth2(admin()).get("/api/contracts/" + nonRenewed).then().body("status", equalTo("ACTIVE"));
        standOn(termEnd.plusDays(1));
        job.run();
        given().auth().oauth2(admin()).get("/api/contracts/" + nonRenewed).then()
                .body("status", equalTo("NON_RENEWED")).body("ended.effectiveDate", equalTo(termEnd.toString()));
        var ended = awaitEvent("ContractEnded", about("contractId", nonRenewed));
        assertThat(ended.data().get("endedAs").asText()).isEqualTo("NON_RENEWED");
        assertThat(ended.data().get("reason").asText()).isEqualTo("Not viable");
    }

    /**
     * Hostile read of the twenty-sixth pass, C4: a non-renewal dated 1026-06-30 (a typo for 2026) was taken and ended the
     * contract at once; every later result for the school then failed on a school year before 1900 and went to the
     * dead letters, its next contract's benchmark with it. An end before the contract's first day is refused; a
     * closure dated before it ends the contract on that day.
     */
    @Test
    void anEndBeforeTheContractsFirstDayIsRefusedAndAClosureDatedBeforeItEndsTheContractOnThatDay() {
        String school = openSchool();
        String contract = activeContract(school);
        LocalDate firstDay = lastDayOf(year(-1)).plusDays(1);
        for (String action : List.of("non-renewal", "termination")) {
            for (LocalDate date : List.of(LocalDate.of(1026, 6, 30), firstDay.minusDays(1))) {
                given().auth().oauth2(admin()).contentType(ContentType.JSON)
                        .body(Map.of("reason", "Ended (the year mistyped)", "effectiveDate", date.toString()))
                        .post("/api/contracts/" + contract + "/" + action).then().statusCode(422)
                        .body("errors[0].field", equalTo("effectiveDate"))
                        .body("errors[0].message", equalTo("must not be before the contract's first day " + firstDay));
            }
        }
        given().auth().oauth2(admin()).get("/api/contracts/" + contract).then().body("status", equalTo("ACTIVE"));

        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("decision", "CLOSE", "reason", "Closed (recorded late)", "effectiveDate", "2001-06-30"))
                .post("/api/schools/" + school + "/decisions").then().statusCode(201);
        given().auth().oauth2(admin()).get("/api/contracts/" + contract).then()
                .body("status", equalTo("TERMINATED")).body("ended.effectiveDate", equalTo(firstDay.toString()));
    }

    /**
     * Two replicas run the expiry job at the same moment (two threads, each its own transactions, as two instances
     * would): each contract ends once, one event each, and neither run logs a failure (review of 2026-12-06, eighth
     * pass: the contract was read unlocked, so the replica that lost the race failed on the version and logged an
     * ERROR every night).
     */
    @Test
    void twoReplicasRunningTheJobAtOnceEndEachContractOnceAndLogNoFailure() throws Exception {
        List<String> due = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String c = draft(draftBody(openSchool(), year(0), year(0), List.of(provision("PEOPLE", "FULL_WITH_EXPECTATIONS")),
                    List.of(vacancies())));
            activate(c).statusCode(200);
            due.add(c);
        }
        standOn(lastDayOf(year(0)).plusDays(1));
        List<java.util.logging.LogRecord> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                if (r.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                    failures.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(ContractExpiryJob.class.getName());
        log.addHandler(capture);
        int ended = 0;
        try {
            // both runs wait for the contracts' locks, so they meet every run (an outside audit of the tests)
            java.util.concurrent.Callable<Integer> run = () -> job.run();
            for (int n : org.portfolio.testing.Races.whileLocked(io.quarkus.arc.Arc.container()
                            .instance(io.agroal.api.AgroalDataSource.class).get(),
                    "select 1 from contract where id::text = any (string_to_array(?, ',')) for update",
                    List.of(String.join(",", due)), List.of(run, run))) {
                ended += n;
            }
        } finally {
            log.removeHandler(capture);
        }
        assertThat(failures).extracting(java.util.logging.LogRecord::getMessage).isEmpty();
        assertThat(ended).isGreaterThanOrEqualTo(due.size());
        String last = due.get(due.size() - 1);
        awaitEvent("ContractEnded", about("contractId", last));
        for (String c : due) {
            given().auth().oauth2(admin()).get("/api/contracts/" + c).then().body("status", equalTo("EXPIRED"));
            assertThat(events("ContractEnded", about("contractId", c))).as("ContractEnded of %s", c).hasSize(1);
        }
    }

    private static void standOn(LocalDate day) {
        TestClock.setNow(day.atTime(12, 0).toInstant(ZoneOffset.UTC));
    }
}
