package org.portfolio.enrollment;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.EventsProbe;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.portfolio.enrollment.Fixtures.action;
import static org.portfolio.enrollment.Fixtures.apply;
import static org.portfolio.enrollment.Fixtures.officer;
import static org.portfolio.enrollment.Fixtures.result;

/**
 * A set-aside's reserved seats on the real database: the cutoff of a full reserved block, and how many seats a later
 * round reserves (eighth pass of 2026-12-06, E9).
 */
@QuarkusTest
class SetAsideSeatsTest {

    /**
     * E9, first half: "a full reserved block publishes no cutoff". 4 seats, 50 % FRL (2 open, 2 reserved), 3 FRL
     * members and 3 others: both blocks fill; the reserved block's last admitted must show in the statistics, as the open
     * block's does. A waitlisted family's explanation says the set-aside is full and how it fills, without that cutoff
     * (twelfth pass).
     */
    @Test
    void aFullSetAsideRecordsItsCutoffAndAFamilyReadsHowItFilledWithoutIt() {
        UUID school = Fixtures.openSchool("SOUTH", "6");
        UUID period = Fixtures.period(1);
        UUID program = Fixtures.program(period, Fixtures.programBody(school, "6", "Reserved", 4, List.of("GENERAL"),
                List.of(Map.of("group", "FRL", "sharePercent", 50)), List.of()));
        action(period, "open").then().statusCode(200);
        Set<UUID> members = new HashSet<>();
        List<UUID> kids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Fixtures.Kid kid = new Fixtures.Kid("6", "SOUTH");
            UUID k = (i < 3 ? kid.flag("FRL") : kid).create();
            if (i < 3) {
                members.add(k);
            }
            kids.add(k);
            apply(period, k, program).then().statusCode(201);
        }
        action(period, "close").then().statusCode(200);
        action(period, "match").then().statusCode(200).body("matched", equalTo(4));

        // the last admitted to the reserved block by its order: a non-member after every member, then the lottery
        UUID last = null;
        for (UUID k : kids) {
            JsonPath r = doubles(result(period, k).asString());
            if (r.get("offer") != null && r.getInt("offer.block") == 1 && (last == null || worse(k, last, members, period))) {
                last = k;
            }
        }
        assertThat(last).isNotNull();
        double lastLottery = Fixtures.lottery(result(period, last));
        JsonPath stats = doubles(given().auth().oauth2(officer()).get("/api/enrollment/periods/" + period + "/statistics")
                .then().statusCode(200).extract().asString());
        String block = "find { it.programId == '" + program + "' }.blocks[1].";
        UUID loser = kids.stream().filter(k -> result(period, k).then().extract().path("offer") == null).findFirst().orElseThrow();
        String why = result(period, loser).then().extract().path("choices[0].explanation");

        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(stats.getInt(block + "seats")).isEqualTo(2);
        soft.assertThat(stats.getInt(block + "filled")).isEqualTo(2);
        soft.assertThat(stats.getString(block + "group")).isEqualTo("FRL");
        soft.assertThat(stats.getString(block + "cutoffGroup")).isEqualTo("GENERAL");
        soft.assertThat(stats.getDouble(block + "cutoffLottery")).isEqualTo(lastLottery);
        soft.assertThat(stats.getBoolean(block + "cutoffMember")).isEqualTo(members.contains(last));
        soft.assertThat(why).as(why).contains("; FRL set-aside seats full").doesNotContain("not full");
        // the set-aside's cutoff stays in the statistics: a family reads how the block filled, not the last one's
        // number (twelfth pass: two cutoffs side by side tell which child holds a membership)
        String setAside = why.substring(why.indexOf("FRL set-aside seats full"));
        soft.assertThat(setAside.substring(0, setAside.indexOf("; yours:"))).as(why)
                .doesNotContain("lottery 0").doesNotContain("0.").doesNotContain("group GENERAL");
        soft.assertAll();
    }

    /**
     * E9, second half: 10 seats, 50 % FRL. Round 1 reserves 5 (all taken); 4 open seats are declined. Round 2 fills
     * the 4 left: it reserved 2 of them for FRL again, so 7 of the 10 seats were reserved across the rounds. The
     * set-aside's share is of the program's seats: round 2 reserves what the set-aside is still owed, 5 minus the 5
     * reserved seats still held, which is none.
     */
    @Test
    void aLaterRoundReservesOnlyTheSeatsTheSetAsideIsStillOwed() {
        UUID school = Fixtures.openSchool("SOUTH", "7");
        UUID r1 = Fixtures.period(1);
        UUID p1 = Fixtures.program(r1, Fixtures.programBody(school, "7", "Rounds", 10, List.of("GENERAL"),
                List.of(Map.of("group", "FRL", "sharePercent", 50)), List.of()));
        action(r1, "open").then().statusCode(200);
        Fixtures.applyMany(10, "7", "SOUTH", r1, p1);
        action(r1, "close").then().statusCode(200);
        action(r1, "match").then().statusCode(200).body("matched", equalTo(10));
        action(r1, "publish").then().statusCode(200);
        List<String> openSeats = given().auth().oauth2(officer()).get("/api/enrollment/periods/" + r1 + "/offers?size=50")
                .then().statusCode(200).extract().path("items.findAll { it.block == 0 }.id");
        assertThat(openSeats).hasSize(5);
        for (String offer : openSeats.subList(0, 4)) {
            given().auth().oauth2(officer()).post("/api/enrollment/periods/" + r1 + "/offers/" + offer + "/decline").then()
                    .statusCode(200);
        }

        String id = given().auth().oauth2(officer()).contentType(ContentType.JSON)
                .body(Map.of("maxChoices", 1, "offerDeadline", Instant.now().plus(Duration.ofDays(20)).toString()))
                .post("/api/enrollment/periods/" + r1 + "/rounds").then().statusCode(201).extract().path("id");
        UUID r2 = UUID.fromString(id);
        UUID p2 = UUID.fromString(given().auth().oauth2(officer()).get("/api/enrollment/periods/" + r2 + "/programs")
                .then().statusCode(200).extract().path("[0].id"));
        action(r2, "open").then().statusCode(200);
        for (int i = 0; i < 3; i++) {
            apply(r2, new Fixtures.Kid("7", "SOUTH").flag("FRL").create(), p2).then().statusCode(201);
            apply(r2, new Fixtures.Kid("7", "SOUTH").create(), p2).then().statusCode(201);
        }
        action(r2, "close").then().statusCode(200);
        action(r2, "match").then().statusCode(200).body("programs[0].seats", equalTo(4)).body("matched", equalTo(4));

        JsonPath stats = given().auth().oauth2(officer()).get("/api/enrollment/periods/" + r2 + "/statistics").then()
                .statusCode(200).extract().jsonPath();
        int reservedNow = stats.getInt("[0].blocks[1].seats");
        assertThat(5 + reservedNow).as("seats reserved for FRL across the rounds, of 10 at 50 %").isEqualTo(5);
        assertThat(stats.getInt("[0].blocks[0].seats")).isEqualTo(4);
    }

    /**
     * A set-aside's cutoff beyond the statistics (tenth pass, E9's open half): the match summary, a simulation with the
     * revealed seed and MatchPublished carried the open seats' cutoff only. 4 seats, 50 % FRL, 3 FRL members and 3
     * others: both blocks fill, and each must show both blocks as the statistics do (the event without the last
     * admitted's membership and without a set-aside's cutoff, which families' shared lottery numbers would reveal).
     */
    @Test
    void theMatchSummaryAndThePublishedRoundShowEverySeatBlockAsTheStatisticsDo() {
        UUID school = Fixtures.openSchool("SOUTH", "6");
        UUID period = Fixtures.period(1);
        UUID program = Fixtures.program(period, Fixtures.programBody(school, "6", "Blocks", 4, List.of("GENERAL"),
                List.of(Map.of("group", "FRL", "sharePercent", 50)), List.of()));
        action(period, "open").then().statusCode(200);
        for (int i = 0; i < 6; i++) {
            Fixtures.Kid kid = new Fixtures.Kid("6", "SOUTH");
            apply(period, (i < 3 ? kid.flag("FRL") : kid).create(), program).then().statusCode(201);
        }
        action(period, "close").then().statusCode(200);
        JsonPath summary = doubles(action(period, "match").then().statusCode(200).extract().asString());
        String figures = "programs.find { it.programId == '" + program + "' }.";
        JsonPath stats = doubles(given().auth().oauth2(officer()).get("/api/enrollment/periods/" + period + "/statistics")
                .then().statusCode(200).extract().asString());
        List<Map<String, Object>> blocks = stats.getList("find { it.programId == '" + program + "' }.blocks");

        assertThat(blocks).as("the statistics' blocks").hasSize(2);
        assertThat(blocks.get(1)).containsEntry("block", 1).containsEntry("group", "FRL").containsEntry("seats", 2)
                .containsEntry("filled", 2).containsEntry("cutoffGroup", "GENERAL").containsKeys("cutoffMember", "cutoffLottery");
        assertThat(summary.<Map<String, Object>>getList(figures + "blocks")).as("the match summary's blocks").isEqualTo(blocks);
        assertThat(summary.getDouble(figures + "cutoffLottery")).isEqualTo(blocks.get(0).get("cutoffLottery"));

        String seed = action(period, "publish").then().statusCode(200).extract().path("lotterySeed");
        JsonPath simulated = doubles(given().auth().oauth2(officer()).contentType(ContentType.JSON).body(Map.of("seed", seed))
                .post("/api/enrollment/periods/" + period + "/simulations").then().statusCode(200).extract().asString());
        assertThat(simulated.<Map<String, Object>>getList(figures + "blocks")).as("a simulation with the seed").isEqualTo(blocks);

        JsonNode round = EventsProbe.await("enrollment.events", e -> MatchFlowTest.MATCH_PUBLISHED.equals(e.type())
                && period.toString().equals(e.subject()), Duration.ofSeconds(30)).data();
        JsonNode published = StreamSupport.stream(round.get("programs").spliterator(), false)
                .filter(p -> p.get("programId").asText().equals(program.toString())).findFirst().orElseThrow();
        // the event: every block's seats and fill, the open seats' cutoff, no set-aside's cutoff (with two set-asides
        // their cutoffs side by side tell a child's membership; hostile read of the eleventh pass)
        List<Map<String, Object>> withoutMembership = blocks.stream().map(b -> {
            Map<String, Object> m = new HashMap<>(b);
            m.remove("cutoffMember");
            if (!Integer.valueOf(0).equals(b.get("block"))) {
                m.remove("cutoffGroup");
                m.remove("cutoffLottery");
            }
            return m;
        }).toList();
        assertThat(new ObjectMapper().convertValue(published.get("blocks"), new TypeReference<List<Map<String, Object>>>() {
        })).as("MatchPublished's blocks").isEqualTo(withoutMembership);
        assertThat(published.get("blocks").get(1).has("cutoffLottery")).as("a set-aside's cutoff").isFalse();
        assertThat(published.get("cutoff").get("lottery").asDouble()).isEqualTo(blocks.get(0).get("cutoffLottery"));
    }

    private static boolean worse(UUID k, UUID than, Set<UUID> members, UUID period) {
        if (members.contains(k) != members.contains(than)) {
            return !members.contains(k);
        }
        return Fixtures.lottery(result(period, k)) > Fixtures.lottery(result(period, than));
    }

    private static JsonPath doubles(String json) {
        return JsonPath.from(json).using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
    }
}
