package org.portfolio.enrollment;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.portfolio.testing.EventsProbe;
import org.portfolio.testing.TestTokens;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Builds enrollment scenarios through the real API and the real broker. */
final class Fixtures {

    static final String REGISTERED = "portfolio.contracts.SchoolRegistered.v1";
    static final String STATUS_CHANGED = "portfolio.contracts.SchoolStatusChanged.v1";
    static final String INTERVENTION = "portfolio.contracts.InterventionEscalated.v1";

    private Fixtures() {
    }

    static String officer() {
        return TestTokens.enrollmentOfficer();
    }

    /** A school registered and opened by contracts' events, once enrollment says it takes part. */
    static UUID openSchool(String zone, String... grades) {
        UUID school = UUID.randomUUID();
        String code = "S-" + school.toString().substring(0, 8);
        EventsProbe.publish("contracts.events", "/contracts", REGISTERED, school.toString(),
                Map.of("schoolId", school, "districtCode", code, "name", "School " + code, "type", "CHARTER",
                        "grades", List.of(grades), "zone", zone, "status", "PROPOSED"));
        EventsProbe.publish("contracts.events", "/contracts", STATUS_CHANGED, school.toString(),
                Map.of("schoolId", school, "status", "OPEN", "previousStatus", "PROPOSED", "reason", "approved"));
        awaitTakesPart(school, true);
        return school;
    }

    static void intervention(UUID school, String level) {
        EventsProbe.publish("contracts.events", "/contracts", INTERVENTION, school.toString(),
                Map.of("contractId", UUID.randomUUID(), "schoolId", school, "previousLevel", "PROBATION", "level", level,
                        "reason", "test", "cause", Map.of("kind", "MANUAL"), "decidedBy", "test", "effectiveDate", "2026-09-10"));
    }

    static void awaitTakesPart(UUID school, boolean takesPart) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/enrollment/schools").then().statusCode(200)
                .body("find { it.schoolId == '" + school + "' }.takesPart", equalTo(takesPart)));
    }

    static Map<String, Object> periodBody(String name, int maxChoices, Instant offerDeadline) {
        Map<String, Object> m = new HashMap<>();
        m.put("name", name);
        m.put("schoolYear", "2027-28");
        m.put("maxChoices", maxChoices);
        m.put("offerDeadline", offerDeadline.toString());
        m.put("waitlistResponseHours", 48);
        return m;
    }

    static UUID period(int maxChoices) {
        return period(maxChoices, Instant.now().plus(Duration.ofDays(14)));
    }

    static UUID period(int maxChoices, Instant offerDeadline) {
        String id = given().auth().oauth2(officer()).contentType(ContentType.JSON)
                .body(periodBody("Round " + UUID.randomUUID(), maxChoices, offerDeadline))
                .post("/api/enrollment/periods").then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    static Map<String, Object> programBody(UUID school, String grade, String name, int seats, List<String> order,
                                           List<Map<String, Object>> setAsides, List<String> zones) {
        Map<String, Object> m = new HashMap<>();
        m.put("schoolId", school);
        m.put("grade", grade);
        m.put("name", name);
        m.put("seats", seats);
        m.put("priorityOrder", order);
        m.put("setAsides", setAsides);
        m.put("eligibleZones", zones);
        return m;
    }

    static UUID program(UUID period, UUID school, String grade, int seats, String... order) {
        return program(period, programBody(school, grade, "Track " + UUID.randomUUID().toString().substring(0, 6), seats,
                List.of(order), List.of(), List.of()));
    }

    static UUID program(UUID period, Map<String, Object> body) {
        String id = given().auth().oauth2(officer()).contentType(ContentType.JSON).body(body)
                .post("/api/enrollment/periods/" + period + "/programs").then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    /** An applicant builder. */
    static final class Kid {
        final Map<String, Object> body = new HashMap<>();

        Kid(String grade, String zone) {
            body.put("externalRef", "STU-" + UUID.randomUUID());
            body.put("firstName", "Ana" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 10000));
            body.put("lastName", "Lopez-" + UUID.randomUUID().toString().substring(0, 5));
            body.put("birthDate", LocalDate.of(2013, 5, 17).toString());
            body.put("grade", grade);
            body.put("homeZone", zone);
            body.put("siblingSchoolIds", new ArrayList<>());
            body.put("staffSchoolIds", new ArrayList<>());
            body.put("flags", new ArrayList<>());
        }

        @SuppressWarnings("unchecked")
        Kid sibling(UUID school) {
            ((List<Object>) body.get("siblingSchoolIds")).add(school);
            return this;
        }

        @SuppressWarnings("unchecked")
        Kid staff(UUID school) {
            ((List<Object>) body.get("staffSchoolIds")).add(school);
            return this;
        }

        Kid current(UUID school) {
            body.put("currentSchoolId", school);
            return this;
        }

        @SuppressWarnings("unchecked")
        Kid flag(String f) {
            ((List<Object>) body.get("flags")).add(f);
            return this;
        }

        UUID create() {
            String id = given().auth().oauth2(officer()).contentType(ContentType.JSON).body(body)
                    .post("/api/enrollment/applicants").then().statusCode(201).extract().path("id");
            return UUID.fromString(id);
        }
    }

    /** {@code n} new applicants of the grade and zone, each applying (201) with these choices; their ids in order. */
    static java.util.List<UUID> applyMany(int n, String grade, String zone, UUID period, UUID... choices) {
        java.util.List<UUID> kids = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            UUID k = new Kid(grade, zone).create();
            kids.add(k);
            apply(period, k, choices).then().statusCode(201);
        }
        return kids;
    }

    static Response apply(UUID period, UUID applicant, UUID... choices) {
        return given().auth().oauth2(officer()).contentType(ContentType.JSON).body(Map.of("choices", List.of(choices)))
                .put("/api/enrollment/periods/" + period + "/applications/" + applicant);
    }

    static Response action(UUID period, String action) {
        return given().auth().oauth2(officer()).contentType(ContentType.JSON).post("/api/enrollment/periods/" + period + "/" + action);
    }

    static Response result(UUID period, UUID applicant) {
        return given().auth().oauth2(officer()).get("/api/enrollment/periods/" + period + "/applications/" + applicant + "/result");
    }

    /**
     * The applicant's lottery number exactly as answered. Rest-assured reads JSON decimals as float by default, and a
     * float rounds some numbers to a different fourth decimal than the service's double (0.49175… showed 0.4918 against
     * the service's 0.4917), so the explanation checks compare with the double.
     */
    static double lottery(Response result) {
        return io.restassured.path.json.JsonPath.from(result.asString())
                .using(new io.restassured.path.json.config.JsonPathConfig(
                        io.restassured.path.json.config.JsonPathConfig.NumberReturnType.DOUBLE))
                .getDouble("lottery");
    }

    /**
     * Whether a lottery number as an explanation prints it (4 decimals, or more where two would read the same) is this
     * value, to the precision printed: the test does not assume how many decimals the service needed.
     */
    static boolean printsLottery(String printed, double value) {
        int decimals = printed.length() - printed.indexOf('.') - 1;
        return Math.abs(Double.parseDouble(printed) - value) <= 0.5 * Math.pow(10, -decimals) + 1e-17;
    }

    /** An OPEN period with one grade-9 program at an EAST school, and a grade-9 EAST applicant who has not applied. */
    record OpenRound(UUID period, UUID program, UUID applicant) {
    }

    static OpenRound openRound() {
        UUID school = openSchool("EAST", "9");
        UUID period = period(3);
        UUID program = program(period, school, "9", 5, "GENERAL");
        action(period, "open").then().statusCode(200);
        return new OpenRound(period, program, new Kid("9", "EAST").create());
    }

    /**
     * {@code request}, sent while a row is held FOR UPDATE in the database ({@code table}'s row {@code id}, as an
     * import, a close or a match holds it), is answered 409 {@code type} after the service's 5 s wait for it, before
     * the row is let go.
     */
    static void assertGivesUpAfterFiveSeconds(javax.sql.DataSource dataSource, String table, UUID id, String type,
                                              java.util.concurrent.Callable<Response> request) throws Exception {
        var pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (java.sql.Connection held = dataSource.getConnection()) {
            held.setAutoCommit(false);
            try (var ps = held.prepareStatement("select 1 from " + table + " where id = ? for update")) {
                ps.setObject(1, id);
                ps.execute();
            }
            long start = System.nanoTime();
            var sent = pool.submit(request);
            Response r;
            try {
                r = sent.get(30, java.util.concurrent.TimeUnit.SECONDS);
            } finally {
                held.rollback();
            }
            long waited = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            org.assertj.core.api.Assertions.assertThat(r.statusCode()).as(r.asString()).isEqualTo(409);
            org.assertj.core.api.Assertions.assertThat(r.jsonPath().getString("type")).isEqualTo(type);
            org.assertj.core.api.Assertions.assertThat(waited).as("ms waited (at most 5 s, then the answer)")
                    .isBetween(4_500L, 12_000L);
        } finally {
            pool.shutdownNow();
        }
    }
}
