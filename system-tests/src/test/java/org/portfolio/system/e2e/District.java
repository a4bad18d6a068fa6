package org.portfolio.system.e2e;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.portfolio.system.PortfolioStack;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The running suite as a district uses it: real API clients registered through the gateway's admin API (one per
 * role, school-scoped where the role is), real tokens from {@code POST /oauth/token}, every call through the gateway.
 */
final class District {

    /** Asynchronous outcomes outside the flagship bound: generous for a loaded machine, but bounded. */
    static final Duration EVENTUAL = Duration.ofSeconds(60);

    private final PortfolioStack stack;
    private String admin;
    private String oversight;
    private String enrollmentOfficer;

    District(PortfolioStack stack) {
        this.stack = stack;
    }

    PortfolioStack stack() {
        return stack;
    }

    RequestSpecification anonymous() {
        return RestAssured.given().baseUri(stack.url("gateway")).contentType("application/json");
    }

    RequestSpecification as(String token) {
        return anonymous().auth().oauth2(token);
    }

    // ---- clients and tokens

    private String token(String clientId, String secret) {
        return RestAssured.given().baseUri(stack.url("gateway")).auth().preemptive().basic(clientId, secret)
                .contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials")
                .post("/oauth/token").then().statusCode(200).extract().path("access_token");
    }

    synchronized String admin() throws Exception {
        if (admin == null) {
            PortfolioStack.Client c = stack.bootstrapClient();
            String bootstrap = token(c.id(), c.secret());
            // the district's own administrator client, registered by the bootstrap one
            admin = register(bootstrap, List.of("DISTRICT_ADMIN"), List.of());
        }
        return admin;
    }

    /** Registers an API client with these roles and schools (as DISTRICT_ADMIN) and returns a token of it. */
    String client(Collection<String> roles, Collection<UUID> schools) throws Exception {
        return register(admin(), roles, schools);
    }

    String client(String role, UUID... schools) throws Exception {
        return client(List.of(role), List.of(schools));
    }

    private String register(String adminToken, Collection<String> roles, Collection<UUID> schools) {
        Response r = as(adminToken).body(Map.of("name", "e2e " + String.join("+", roles) + " " + UUID.randomUUID(),
                "roles", roles, "schools", schools)).post("/api/admin/clients");
        r.then().statusCode(201);
        return token(r.path("clientId"), r.path("clientSecret"));
    }

    synchronized String oversight() throws Exception {
        if (oversight == null) {
            oversight = client("OVERSIGHT");
        }
        return oversight;
    }

    synchronized String enrollmentOfficer() throws Exception {
        if (enrollmentOfficer == null) {
            enrollmentOfficer = client("ENROLLMENT_OFFICER");
        }
        return enrollmentOfficer;
    }

    // ---- contracts-service: bodies, schools, decisions, contracts

    UUID oversightBody() throws Exception {
        return UUID.fromString(as(admin()).body(Map.of("name", "Board " + UUID.randomUUID(), "kind", "SCHOOL_BOARD"))
                .post("/api/oversight-bodies").then().statusCode(201).extract().path("id"));
    }

    record School(UUID id, String districtCode, String name) {
    }

    School registerSchool(UUID body) throws Exception {
        String code = "E2E-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String name = "E2E School " + code;
        String id = as(oversight()).body(Map.of("districtCode", code, "name", name, "type", "CHARTER",
                        "grades", List.of("9", "10"), "zone", "EAST", "oversightBodyId", body.toString()))
                .post("/api/schools").then().statusCode(201).extract().path("id");
        return new School(UUID.fromString(id), code, name);
    }

    void decide(UUID school, String decision, String reason) throws Exception {
        as(oversight()).body(Map.of("decision", decision, "reason", reason))
                .post("/api/schools/{id}/decisions", school).then().statusCode(201);
    }

    /** A registered school, opened by its oversight body. */
    School openSchool(UUID body) throws Exception {
        School s = registerSchool(body);
        decide(s.id(), "OPEN", "Charter approved by the board");
        return s;
    }

    static Map<String, Object> provision(String domain, String model, List<String> decisions, Map<String, Object> eligibility) {
        var p = new java.util.LinkedHashMap<String, Object>();
        p.put("domain", domain);
        p.put("model", model);
        p.put("scope", domain + " autonomy");
        p.put("decisions", decisions);
        if (eligibility != null) {
            p.put("eligibility", eligibility);
        }
        return p;
    }

    static Map<String, Object> benchmark(String metric, String comparator, Number target, String period, String category,
                                         List<String> guards, String missTriggers, boolean reinstateOnMet) {
        return Map.of("metricCode", metric, "comparator", comparator, "target", target, "period", period,
                "category", category, "guardsDomains", guards, "missTriggers", missTriggers, "reinstateOnMet", reinstateOnMet);
    }

    /** Drafts and activates a contract for the current school year and the next two; returns its id. */
    UUID activeContract(UUID school, List<Map<String, Object>> provisions, List<Map<String, Object>> benchmarks) throws Exception {
        String year = schoolYear(0);
        String id = as(oversight()).body(Map.of("schoolId", school.toString(),
                        "term", Map.of("startYear", year, "endYear", schoolYear(2)),
                        "provisions", provisions, "benchmarks", benchmarks))
                .post("/api/contracts").then().statusCode(201).extract().path("id");
        as(oversight()).body(Map.of("reason", "Approved by the board")).post("/api/contracts/{id}/activation", id)
                .then().statusCode(200);
        return UUID.fromString(id);
    }

    /** The school year {@code offset} years from the current one ("2026-27" in November 2026). */
    static String schoolYear(int offset) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        int start = (today.getMonthValue() >= 7 ? today.getYear() : today.getYear() - 1) + offset;
        return start + "-" + String.format("%02d", (start + 1) % 100);
    }

    // ---- autonomy-service

    /** The school's grants on a domain (newest first), as OVERSIGHT sees them. */
    List<Map<String, Object>> grants(UUID school, String domain) throws Exception {
        return as(oversight()).queryParam("schoolId", school).queryParam("domain", domain)
                .get("/api/autonomy/grants").then().statusCode(200).extract().path("items");
    }

    Map<String, Object> onlyGrant(UUID school, String domain) throws Exception {
        List<Map<String, Object>> g = grants(school, domain);
        return g.size() == 1 ? g.get(0) : null;
    }

    String grantStatus(UUID school, String domain) throws Exception {
        Map<String, Object> g = onlyGrant(school, domain);
        return g == null ? null : (String) g.get("status");
    }

    List<Map<String, Object>> grantHistory(Object grantId) throws Exception {
        return as(oversight()).get("/api/autonomy/grants/{id}/history", grantId).then().statusCode(200).extract().path("$");
    }

    Response decisionRights(UUID school, String decision) throws Exception {
        return as(oversight()).get("/api/autonomy/schools/{id}/decision-rights/{d}", school, decision);
    }

    /** Waits until autonomy-service has learned the school from contracts' events (its check stops answering 404). */
    void awaitKnownToAutonomy(UUID school) {
        await("autonomy-service knows school " + school).atMost(EVENTUAL).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().until(() -> decisionRights(school, "HIRE_TEACHERS").statusCode() == 200);
    }

    void awaitGrant(UUID school, String domain, String status) {
        await(domain + " grant of " + school + " " + status).atMost(EVENTUAL).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().until(() -> status.equals(grantStatus(school, domain)));
    }

    // ---- performance-service

    /** Student ELA results of one school and year: {@code proficient} of {@code students} at level 4, the rest at 1. */
    static List<Map<String, Object>> elaResults(UUID school, String year, int students, int proficient) {
        return assessments(school, year, "ELA", students, proficient, null);
    }

    static List<Map<String, Object>> assessments(UUID school, String year, String subject, int students, int proficient,
                                                 Integer growthPercentile) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < students; i++) {
            var row = new java.util.LinkedHashMap<String, Object>();
            row.put("schoolId", school.toString());
            row.put("schoolYear", year);
            row.put("studentId", "STU-" + school.toString().substring(0, 8) + "-" + i);
            row.put("subject", subject);
            row.put("testCode", "STATE_SUMMATIVE");
            row.put("gradeLevel", "9");
            row.put("performanceLevel", i < proficient ? 4 : 1);
            if (growthPercentile != null) {
                row.put("growthPercentile", growthPercentile);
            }
            rows.add(row);
        }
        return rows;
    }

    /** An SIS upload of student assessment rows; asserts every row was accepted. */
    static Response postAssessments(District d, String sisToken, List<Map<String, Object>> rows) {
        Response r = d.as(sisToken).body(rows).post("/api/performance/ingest/assessments");
        assertThat(r.statusCode()).as("SIS upload: %s", r.asString()).isEqualTo(201);
        assertThat(r.<Integer>path("rowsRejected")).as("rejected rows: %s", r.asString()).isZero();
        return r;
    }

    static Response postSchoolMetrics(District d, String sisToken, List<Map<String, Object>> rows) {
        Response r = d.as(sisToken).body(rows).post("/api/performance/ingest/school-metrics");
        assertThat(r.statusCode()).as("SIS upload: %s", r.asString()).isEqualTo(201);
        assertThat(r.<Integer>path("rowsRejected")).as("rejected rows: %s", r.asString()).isZero();
        return r;
    }

    // ---- helpers

    static <T> T timed(String what, Supplier<T> action) {
        long t0 = System.nanoTime();
        T t = action.get();
        System.out.printf("[e2e] %s took %d ms%n", what, (System.nanoTime() - t0) / 1_000_000);
        return t;
    }
}
