package org.portfolio.enrollment;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.EventsProbe;
import org.portfolio.testing.events.EventContract;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.portfolio.enrollment.Fixtures.action;
import static org.portfolio.enrollment.Fixtures.apply;

/**
 * The AsyncAPI document (module api-docs) is the contract of enrollment-service's events: a published round publishes
 * MatchPublished (with a full program's cutoff, and a program with seats left and a set-aside, each program with its
 * seat blocks) and DemandReported per school; then every event this service published in the test run, read back from
 * enrollment.events, must conform to its message in the document, and every message the document lists on
 * enrollment.events must have been published.
 */
@QuarkusTest
class PublishedEventsContractTest {

    static final String TOPIC = "enrollment.events";
    static final String MATCH_PUBLISHED = "portfolio.enrollment.MatchPublished.v1";
    static final String DEMAND_REPORTED = "portfolio.enrollment.DemandReported.v1";

    @Test
    void everyEventEnrollmentPublishesConformsToTheAsyncApiDocument() {
        UUID east = Fixtures.openSchool("EAST", "9");
        UUID west = Fixtures.openSchool("WEST", "9");
        UUID period = Fixtures.period(3);
        UUID scarce = Fixtures.program(period, east, "9", 1, "SIBLING", "ZONE", "GENERAL");
        UUID ample = Fixtures.program(period, Fixtures.programBody(west, "9", "Ample", 5, List.of("ZONE", "GENERAL"),
                List.of(Map.of("group", "FRL", "sharePercent", 40)), List.of()));
        action(period, "open").then().statusCode(200);
        for (String zone : new String[]{"EAST", "NORTH"}) {
            UUID kid = new Fixtures.Kid("9", zone).create();
            apply(period, kid, scarce, ample).then().statusCode(201);
        }
        action(period, "close").then().statusCode(200);
        action(period, "match").then().statusCode(200);
        action(period, "publish").then().statusCode(200);
        EventsProbe.await(TOPIC, e -> MATCH_PUBLISHED.equals(e.type()) && period.toString().equals(e.subject()),
                Duration.ofSeconds(30));
        EventsProbe.await(TOPIC, e -> DEMAND_REPORTED.equals(e.type()) && west.toString().equals(e.subject()),
                Duration.ofSeconds(30));

        Map<String, Integer> checked = EventContract.load().assertTopicConforms(TOPIC, "/enrollment");
        assertThat(checked).containsKeys(MATCH_PUBLISHED, DEMAND_REPORTED);
    }
}
