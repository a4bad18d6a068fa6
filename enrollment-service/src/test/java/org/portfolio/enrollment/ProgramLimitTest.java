package org.portfolio.enrollment;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.portfolio.enrollment.domain.Program;
import org.portfolio.enrollment.events.MatchPublished;
import org.portfolio.enrollment.repository.ProgramRepository;
import org.portfolio.enrollment.service.MatchService;
import org.portfolio.enrollment.service.ProgramService;
import org.portfolio.platform.events.outbox.Outbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.portfolio.enrollment.Fixtures.officer;

/**
 * Every program of a round is listed in its one MatchPublished event. A period could take any number of programs, and
 * one with more than about 3,900 was matched but could never be published (409 event-too-large at publication, the
 * round stuck; third pass of 2026-12-05): a period now takes at most {@link ProgramService#MAX_PROGRAMS_PER_PERIOD},
 * and that many, with every figure at its widest, fit the event (without their seat blocks when those would not fit).
 */
@QuarkusTest
class ProgramLimitTest {

    @Inject
    ObjectMapper mapper;

    @Inject
    ProgramRepository programs;

    /**
     * The widest round: every program with 8 set-asides (9 blocks) does not fit with its blocks, so it is published
     * without them (MatchService.withBlocksIfTheyFit), and then fits.
     */
    @Test
    void theLargestRoundAPeriodMayHoldFitsItsOneEvent() throws Exception {
        MatchPublished round = widestRound(ProgramService.MAX_PROGRAMS_PER_PERIOD, 8);
        assertThat(Outbox.utf8Length(mapper.writeValueAsString(round))).as("with every block").isGreaterThan(Outbox.MAX_PAYLOAD_BYTES);
        MatchPublished published = MatchService.withBlocksIfTheyFit(mapper, round);
        assertThat(published.programs()).as("every program, without its blocks").hasSize(round.programs().size())
                .allSatisfy(p -> assertThat(p.blocks()).isNull());
        long bytes = Outbox.utf8Length(mapper.writeValueAsString(published));
        assertThat(bytes).as("bytes of the widest MatchPublished a period may publish").isLessThan(Outbox.MAX_PAYLOAD_BYTES);
    }

    /** What the documents promise: 1,000 programs with two set-asides each, every figure at its widest, keep their blocks. */
    @Test
    void aThousandProgramsWithTwoSetAsidesEachArePublishedWithTheirBlocks() {
        MatchPublished round = widestRound(1_000, 2);
        assertThat(MatchService.withBlocksIfTheyFit(mapper, round)).isSameAs(round);
        assertThat(round.programs().get(0).blocks()).hasSize(3);
    }

    private static MatchPublished widestRound(int programs, int setAsides) {
        Instant widest = Instant.parse("2026-12-05T07:20:59.123456789Z");
        List<MatchPublished.Block> blocks = new ArrayList<>();
        for (int b = 0; b <= setAsides; b++) {
            blocks.add(new MatchPublished.Block(b, b == 0 ? null : "G".repeat(39) + b, 10_000, 10_000, "CONTINUING",
                    0.12345678901234568));
        }
        List<MatchPublished.ProgramResult> results = new ArrayList<>();
        for (int i = 0; i < programs; i++) {
            results.add(new MatchPublished.ProgramResult(UUID.randomUUID(), UUID.randomUUID(), "PK", 10_000, Integer.MAX_VALUE,
                    Integer.MAX_VALUE, 10_000, new MatchPublished.Cutoff("CONTINUING", 0.12345678901234568), blocks));
        }
        List<MatchPublished.MatchRun> runs = new ArrayList<>();
        for (int r = 1; r <= 100; r++) { // a period is matched at most 100 times (too-many-match-runs)
            runs.add(new MatchPublished.MatchRun(r, widest, Integer.MAX_VALUE, Integer.MAX_VALUE, "f".repeat(64), widest));
        }
        List<MatchPublished.OtherPeriod> others = new ArrayList<>();
        for (int i = 0; i < MatchPublished.MAX_OTHER_PERIODS; i++) {
            others.add(new MatchPublished.OtherPeriod(UUID.randomUUID(), "N".repeat(200), "PUBLISHED", "b".repeat(64), widest, 100));
        }
        return new MatchPublished(UUID.randomUUID(), "N".repeat(200), "2027-28", Integer.MAX_VALUE, widest,
                "a".repeat(64), Integer.MAX_VALUE, Integer.MAX_VALUE, results, runs, others, Integer.MAX_VALUE);
    }

    @Test
    void aPeriodTakesAsManyProgramsAsOneRoundCanPublishAndNoMore() {
        UUID school = Fixtures.openSchool("EAST", "9");
        UUID period = Fixtures.period(3);
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < ProgramService.MAX_PROGRAMS_PER_PERIOD - 1; i++) {
                Program p = new Program();
                p.id = UUID.randomUUID();
                p.periodId = period;
                p.schoolId = school;
                p.grade = "9";
                p.name = "Track " + i;
                p.seats = 1;
                p.priorityOrder = "GENERAL";
                p.createdAt = Instant.now();
                p.updatedAt = p.createdAt;
                programs.persist(p);
            }
        });
        Fixtures.program(period, school, "9", 10, "GENERAL"); // the last one there is room for
        given().auth().oauth2(officer()).contentType(ContentType.JSON)
                .body(Fixtures.programBody(school, "9", "One too many", 10, List.of("GENERAL"), List.of(), List.of()))
                .post("/api/enrollment/periods/" + period + "/programs")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:portfolio:problem:too-many-programs"))
                .body("detail", containsString("3000"));
    }
}
