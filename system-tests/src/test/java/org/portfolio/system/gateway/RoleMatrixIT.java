package org.portfolio.system.gateway;

import io.restassured.response.Response;
import org.portfolio.system.PortfolioStack;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/security.md, cell by cell, against the running suite: every endpoint class that exists today × every role
 * (real API clients registered through the admin API, real tokens from /oauth/token) and anonymous, both through
 * the gateway and directly against the owning service — a call that skips the gateway gains nothing.
 *
 * <p>To cover a new endpoint class, add a {@link #ROWS} line: the cells are the table's, in its column order
 * (DISTRICT_ADMIN, OVERSIGHT, SCHOOL_LEADER, SIS, ENROLLMENT_OFFICER, anonymous): {@code ✓} allowed (2xx),
 * {@code –} denied (403 with a token, 401 without), {@code own} allowed for the caller's own school and 403 for
 * another ({@code {school}} in the path is the caller's school, or another school for the denied half).
 */
@ExtendWith(RunningStack.class)
class RoleMatrixIT {

    enum Who { DISTRICT_ADMIN, OVERSIGHT, SCHOOL_LEADER, SIS, ENROLLMENT_OFFICER, ANONYMOUS }

    enum Cell { ALLOW, DENY, OWN }

    /**
     * A client registered with several roles (and the own school where a role needs one). Its expected cell is the
     * union of its roles' cells: allowed if one role is allowed, own if one role is own, denied otherwise — never
     * more than the roles give on their own (issue 13: SCHOOL_LEADER + ENROLLMENT_OFFICER read other schools).
     */
    record Mixed(String name, List<Who> roles) {
        Cell cellOf(Row row) {
            List<Cell> cells = roles.stream().map(r -> row.cells().get(r)).toList();
            return cells.contains(Cell.ALLOW) ? Cell.ALLOW : cells.contains(Cell.OWN) ? Cell.OWN : Cell.DENY;
        }
    }

    /**
     * Issue 18: the school-scoped roles' cells hold for every kind of scope, not only a list of a few schools. Each
     * kind is a client of SCHOOL_LEADER or SIS registered with that scope (its own school in it, the other school
     * not); {@code everySchool} turns an own cell into allowed for both schools. Its token names the scope by
     * reference; every service resolves it.
     */
    record ScopeKind(String name, boolean everySchool) {
        /** allSchools is for a district-wide SIS: the gateway refuses it for a SCHOOL_LEADER (422). */
        boolean appliesTo(Who who) {
            return !everySchool || who == Who.SIS;
        }
    }

    static final List<ScopeKind> SCOPE_KINDS = List.of(new ScopeKind("2,000 schools", false),
            new ScopeKind("oversight body", false), new ScopeKind("zone", false), new ScopeKind("every school", true));
    private static final Map<String, String> SCOPE_TOKENS = new java.util.HashMap<>();

    static final List<Mixed> MIXED = List.of(
            new Mixed("SCHOOL_LEADER+ENROLLMENT_OFFICER", List.of(Who.SCHOOL_LEADER, Who.ENROLLMENT_OFFICER)),
            new Mixed("SCHOOL_LEADER+SIS", List.of(Who.SCHOOL_LEADER, Who.SIS)),
            new Mixed("SIS+ENROLLMENT_OFFICER", List.of(Who.SIS, Who.ENROLLMENT_OFFICER)),
            new Mixed("SIS+OVERSIGHT", List.of(Who.SIS, Who.OVERSIGHT)));
    private static final Map<String, String> MIXED_TOKENS = new java.util.HashMap<>();

    /**
     * What rows can refer to: an oversight body, the caller's school and another one, and per school a draft
     * contract, a manual grant and a programmatic request; an enrollment period; the current school year.
     */
    record Fixture(UUID oversightBody, UUID ownSchool, UUID otherSchool, Map<UUID, Map<String, String>> perSchool,
                   UUID period, String year, String webhook, String ownZone, UUID otherBody) {
        /** The oversight body of the caller's school or of the other one. */
        UUID bodyOf(UUID school) {
            return school.equals(ownSchool) ? oversightBody : otherBody;
        }
    }

    /**
     * Issue 15: an authorizer's OVERSIGHT client (registered with the oversight body of the caller's school, not the
     * other school's) decides and reads non-public data for its body's schools only. Its cell is OVERSIGHT's, except
     * that an allowed cell about one school becomes {@code own}: a path naming a school or something of one, or a
     * body naming the school ({@link #SCHOOL_IN_BODY}), unless the endpoint is public.
     */
    static final String AUTHORIZER = "OVERSIGHT of one oversight body";
    private static final List<String> PER_SCHOOL = List.of("{school}", "{contract}", "{grant}", "{request}",
            "{request-under-review}", "{fresh-school}", "{flag}", "{fresh-flag}");
    /** Rows whose request body (not the path) names the school, or its oversight body. */
    private static final java.util.Set<String> SCHOOL_IN_BODY = java.util.Set.of("POST /api/schools", "POST /api/contracts",
            "POST /api/autonomy/grants");
    private static String authorizerToken;

    static Cell authorizerCell(Row row) {
        Cell oversight = row.cells().get(Who.OVERSIGHT);
        boolean aboutOneSchool = PER_SCHOOL.stream().anyMatch(row.path()::contains)
                || SCHOOL_IN_BODY.contains(row.method() + " " + row.path());
        boolean open = row.cells().get(Who.ANONYMOUS) == Cell.ALLOW; // public: an authorizer reads it as the public does
        return oversight == Cell.ALLOW && aboutOneSchool && !open ? Cell.OWN : oversight;
    }

    /** A request body for the school the call is about (it may create what the call needs, e.g. a new decision). */
    interface Body {
        Object of(Fixture f, UUID school) throws Exception;
    }

    record Row(String endpointClass, String service, String method, String path, Body body, Map<Who, Cell> cells) {
    }

    private static Api api;
    private static Fixture fixture;
    private static final Map<Who, String> TOKENS = new EnumMap<>(Who.class);
    /** svc_edfi's token (edfi-service's own client: SIS of every school, ingest-only). */
    private static String ingestOnlyToken;

    static final String ALL = "✓ ✓ ✓ ✓ ✓ ✓";

    /**
     * One or more endpoints of every endpoint class of docs/security.md, in its order. Path placeholders: {school}
     * (the caller's school, or the other one for the denied half of an own cell), {body}, {contract}, {grant},
     * {request}, {period}, {year}, and two made fresh for every call: {fresh-school} (a PROPOSED school) and
     * {request-under-review}.
     */
    static final List<Row> ROWS = List.of(
            row("oversight bodies: read", "contracts-service", "GET", "/api/oversight-bodies", null, "✓ ✓ ✓ – ✓ –"),
            row("oversight bodies: read", "contracts-service", "GET", "/api/oversight-bodies/{body}", null, "✓ ✓ ✓ – ✓ –"),
            row("oversight bodies: write", "contracts-service", "POST", "/api/oversight-bodies",
                    (f, s) -> Map.of("name", "Board " + UUID.randomUUID(), "kind", "SCHOOL_BOARD"), "✓ – – – – –"),
            row("oversight bodies: write", "contracts-service", "PUT", "/api/oversight-bodies/{body}",
                    (f, s) -> Map.of("name", "Board " + UUID.randomUUID(), "kind", "CHARTER_AUTHORIZER"), "✓ – – – – –"),
            row("school directory: read", "contracts-service", "GET", "/api/schools/{school}", null, ALL),
            row("school registry: register", "contracts-service", "POST", "/api/schools",
                    (f, s) -> Api.schoolBody(f.bodyOf(s)), "✓ ✓ – – – –"),
            row("school registry: status decisions", "contracts-service", "POST", "/api/schools/{fresh-school}/decisions",
                    (f, s) -> Map.of("decision", "OPEN", "reason", "Charter approved"), "✓ ✓ – – – –"),
            row("contracts, scorecards, histories: read", "contracts-service", "GET", "/api/contracts/{contract}", null,
                    "✓ ✓ own – – –"),
            row("contracts, scorecards, histories: read", "contracts-service", "GET", "/api/contracts/{contract}/history", null,
                    "✓ ✓ own – – –"),
            row("contracts, scorecards, histories: read", "contracts-service", "GET", "/api/schools/{school}/standing", null,
                    "✓ ✓ own – – –"),
            row("contracts calendar", "contracts-service", "GET", "/api/contracts/calendar?expiringWithinDays=365", null,
                    "✓ ✓ ✓ – – –"),
            row("accountability clock: run now", "contracts-service", "POST", "/api/contracts/clock/runs", null,
                    "✓ – – – – –"),
            row("contracts: draft, activate, amend, renew, end", "contracts-service", "POST", "/api/contracts",
                    (f, s) -> Map.of("schoolId", s.toString(), "term", Map.of("startYear", f.year(), "endYear", f.year())),
                    "✓ ✓ – – – –"),
            row("autonomy grants and history: read", "autonomy-service", "GET", "/api/autonomy/grants/{grant}", null,
                    "✓ ✓ own – – –"),
            row("autonomy grants and history: read", "autonomy-service", "GET", "/api/autonomy/schools/{school}/history", null,
                    "✓ ✓ own – – –"),
            row("autonomy: manual grant / revoke / reinstate", "autonomy-service", "POST", "/api/autonomy/grants",
                    (f, s) -> Map.of("schoolId", s.toString(), "domain", "PROGRAM", "model", "FULL_WITH_EXPECTATIONS",
                            "decisions", List.of(api.newDecision("PROGRAM")), "reason", "Board resolution"), "✓ ✓ – – – –"),
            row("programmatic requests: submit, withdraw", "autonomy-service", "POST", "/api/autonomy/requests",
                    (f, s) -> proposal(s), "✓ – own – – –"),
            row("programmatic requests: comment", "autonomy-service", "POST", "/api/autonomy/requests/{request}/comments",
                    (f, s) -> Map.of("text", "How will the extra time be staffed?"), "✓ ✓ own – – –"),
            row("programmatic requests: approve, deny", "autonomy-service", "POST",
                    "/api/autonomy/requests/{request-under-review}/deny",
                    (f, s) -> Map.of("rationale", "The plan does not say how the hours are funded"), "✓ ✓ – – – –"),
            row("decision catalog: read", "autonomy-service", "GET", "/api/autonomy/decision-catalog/decisions", null, ALL),
            row("decision-rights check", "autonomy-service", "GET", "/api/autonomy/schools/{school}/decision-rights/HIRE_TEACHERS",
                    null, ALL),
            row("decision-rights matrix", "autonomy-service", "GET", "/api/autonomy/schools/{school}/decision-rights", null, ALL),
            row("decision catalog: edit", "autonomy-service", "POST", "/api/autonomy/decision-catalog/decisions",
                    (f, s) -> Map.of("code", code("D"), "domain", "PROGRAM", "name", "A decision"), "✓ – – – – –"),
            row("portfolio view", "autonomy-service", "GET", "/api/autonomy/portfolio", null, "✓ ✓ – – – –"),
            row("performance framework and metrics: read", "performance-service", "GET", "/api/performance/metrics", null, ALL),
            row("performance framework: edit", "performance-service", "POST", "/api/performance/metrics",
                    (f, s) -> Map.of("code", code("M"), "name", "A metric", "category", "ACADEMIC", "direction", "HIGHER_IS_BETTER",
                            "unit", "PERCENT"), "✓ – – – – –"),
            row("SIS ingestion", "performance-service", "POST", "/api/performance/ingest/school-metrics",
                    (f, s) -> List.of(Map.of("schoolId", s.toString(), "schoolYear", f.year(), "metricCode", "TEACHER_VACANCIES",
                            "value", 1, "n", 20)), "✓ – – ✓ – –"),
            row("SIS ingestion: jobs", "performance-service", "GET", "/api/performance/ingest/jobs", null, "✓ – – ✓ – –"),
            row("student-level records: read", "performance-service", "GET",
                    "/api/performance/student-records/assessments?schoolId={school}&schoolYear={year}", null, "✓ – – own – –"),
            row("student-level records: read", "performance-service", "POST", "/api/performance/student-records/assessments/search",
                    (f, s) -> Map.of("schoolId", s.toString(), "schoolYear", f.year(), "studentId", "MATRIX-1"), "✓ – – own – –"),
            row("student-level records: read", "performance-service", "POST", "/api/performance/student-records/attendance/search",
                    (f, s) -> Map.of("schoolId", s.toString(), "schoolYear", f.year(), "studentId", "MATRIX-1"), "✓ – – own – –"),
            row("student-level records: corrections and retractions", "performance-service", "POST",
                    "/api/performance/corrections/assessments", RoleMatrixIT::correctionOfAStoredResult, "✓ – – own – –"),
            row("student-level records: correction audit", "performance-service", "GET", "/api/performance/corrections",
                    null, "✓ – – ✓ – –"),
            row("student-level records: erasure on request", "performance-service", "POST",
                    "/api/performance/student-records/erasures",
                    (f, s) -> Map.of("studentId", "ERASE-" + UUID.randomUUID().toString().substring(0, 8),
                            "reason", "Parent request"), "✓ – – – – –"),
            row("student-level records: retention policy and purge audit", "performance-service", "GET",
                    "/api/performance/retention", null, "✓ – – – – –"),
            row("student-level records: retention policy and purge audit", "performance-service", "GET",
                    "/api/performance/retention/purges", null, "✓ – – – – –"),
            row("school profiles, ratings", "performance-service", "GET", "/api/performance/schools/{school}/profile", null,
                    "✓ ✓ own – – –"),
            row("integrity flags: read", "performance-service", "GET", "/api/performance/integrity-flags/{flag}", null,
                    "✓ ✓ own – – –"),
            row("integrity flags: resolve", "performance-service", "POST", "/api/performance/integrity-flags/{fresh-flag}/resolve",
                    (f, s) -> Map.of("resolutionCode", "EXPLAINED", "note", "Reviewed with the school: make-up sessions documented"), "✓ ✓ – – – –"),
            row("public performance view", "performance-service", "GET", "/api/performance/public/schools?schoolYear={year}",
                    null, ALL),
            row("enrollment: periods, programs, lottery, match, offers", "enrollment-service", "GET",
                    "/api/enrollment/periods/{period}", null, "✓ – – – ✓ –"),
            row("enrollment: periods, programs, lottery, match, offers", "enrollment-service", "POST", "/api/enrollment/periods",
                    (f, s) -> period(f.year()), "✓ – – – ✓ –"),
            row("enrollment: applicants and applications", "enrollment-service", "GET", "/api/enrollment/applicants", null,
                    "✓ – – – ✓ –"),
            row("enrollment: applicants and applications", "enrollment-service", "POST", "/api/enrollment/applicants/search",
                    (f, s) -> Map.of("lastName", "Matrix"), "✓ – – – ✓ –"),
            row("enrollment: applicants and applications", "enrollment-service", "GET",
                    "/api/enrollment/periods/{period}/likely-duplicates", null, "✓ – – – ✓ –"),
            row("enrollment: program statistics", "enrollment-service", "GET",
                    "/api/enrollment/periods/{period}/statistics?schoolId={school}", null, "✓ ✓ own – ✓ –"),
            row("enrollment: school list", "enrollment-service", "GET", "/api/enrollment/schools", null, ALL),
            row("change feed: read (each event only to who may read what it is about)", "integration-service", "GET",
                    "/api/events?limit=5", null, "✓ ✓ ✓ ✓ ✓ –"),
            row("webhooks: register, list and manage own subscriptions", "integration-service", "POST", "/api/webhooks",
                    (f, s) -> webhook(), "✓ ✓ ✓ ✓ ✓ –"),
            row("webhooks: register, list and manage own subscriptions", "integration-service", "GET", "/api/webhooks", null,
                    "✓ ✓ ✓ ✓ ✓ –"),
            row("webhooks: another client's subscription", "integration-service", "GET", "/api/webhooks/{webhook}", null,
                    "✓ – – – – –"),
            row("Ed-Fi: discovery and dependencies", "edfi-service", "GET", "/edfi", null, ALL),
            row("Ed-Fi: discovery and dependencies", "edfi-service", "GET", "/edfi/metadata/data/v3/dependencies", null, ALL),
            row("Ed-Fi resources: write (an SIS: mapped schools of its scope)", "edfi-service", "POST", "/edfi/data/v3/ed-fi/schools",
                    (f, s) -> Map.of("schoolId", edfiId(s), "nameOfInstitution", "Matrix school"), "✓ – – own – –"),
            row("Ed-Fi resources: read (an SIS: its schools' only)", "edfi-service", "GET", "/edfi/data/v3/ed-fi/schools", null,
                    "✓ – – ✓ – –"),
            row("Ed-Fi resources: write (an SIS: mapped schools of its scope)", "edfi-service", "POST", "/edfi/data/v3/ed-fi/studentAssessments",
                    (f, s) -> Map.of("studentAssessmentIdentifier", "M-" + UUID.randomUUID().toString().substring(0, 12),
                            "assessmentReference", Map.of("assessmentIdentifier", "MATRIX", "namespace", "uri://matrix.example/Assessment"),
                            "studentReference", Map.of("studentUniqueId", "MATRIX-1"), "schoolYearTypeReference", Map.of("schoolYear", 2022),
                            "reportedSchoolReference", Map.of("schoolId", edfiId(s))), "✓ – – own – –"),
            row("Ed-Fi assessments: write (any SIS a new one; one other schools' results use: DISTRICT_ADMIN)", "edfi-service", "POST",
                    "/edfi/data/v3/ed-fi/assessments", (f, s) -> Map.of("assessmentIdentifier", "MATRIX-" + UUID.randomUUID().toString().substring(0, 12),
                            "namespace", "uri://matrix.example/Assessment", "assessmentTitle", "Matrix assessment"), "✓ – – ✓ – –"),
            row("Ed-Fi resources: read (an SIS: its schools' only)", "edfi-service", "GET", "/edfi/data/v3/ed-fi/studentAssessments", null,
                    "✓ – – ✓ – –"),
            row("Ed-Fi resources: read (an SIS: its schools' only)", "edfi-service", "GET", "/edfi/data/v3/ed-fi/assessments", null,
                    "✓ – – ✓ – –"),
            row("Ed-Fi mappings: read", "edfi-service", "GET", "/edfi/mappings/attendance-categories", null, "✓ – – ✓ – –"),
            row("Ed-Fi mappings: read", "edfi-service", "GET", "/edfi/mappings/performance-levels", null, "✓ – – ✓ – –"),
            row("Ed-Fi mappings: read", "edfi-service", "GET", "/edfi/mappings/unmapped", null, "✓ – – ✓ – –"),
            row("Ed-Fi derivations: read (an SIS: its schools' problems only)", "edfi-service", "GET", "/edfi/derivations/status", null, "✓ – – ✓ – –"),
            row("Ed-Fi derivations: read (an SIS: its schools' problems only)", "edfi-service", "GET", "/edfi/derivations/problems", null, "✓ – – ✓ – –"),
            row("Ed-Fi mappings: edit", "edfi-service", "PUT", "/edfi/mappings/performance-levels?namespace=uri://matrix.example/PerformanceLevelDescriptor",
                    (f, s) -> List.of(Map.of("codeValue", "Met Standard", "performanceLevel", 3)), "✓ – – – – –"),
            row("Ed-Fi mappings: edit", "edfi-service", "POST", "/edfi/mappings/schools",
                    (f, s) -> Map.of("edfiSchoolId", edfiId(s), "schoolId", s.toString()), "✓ – – – – –"),
            row("gateway: API clients", "gateway", "GET", "/api/admin/clients", null, "✓ – – – – –"),
            row("gateway: API clients", "gateway", "POST", "/api/admin/clients",
                    (f, s) -> Map.of("name", "matrix " + UUID.randomUUID(), "roles", List.of("OVERSIGHT")), "✓ – – – – –"));

    @BeforeAll
    static void clientsForEveryRole(RunningStack.Stack running) throws Exception {
        api = new Api(running.stack());
        UUID body = api.oversightBody();
        // the other school is of another oversight body and zone: the scope kinds by body and zone leave it out
        String ownZone = "Matrix " + UUID.randomUUID().toString().substring(0, 8);
        UUID own = api.school(body, ownZone);
        UUID otherBody = api.oversightBody();
        UUID other = api.school(otherBody, "Elsewhere");
        String year = Api.schoolYear();
        Map<UUID, Map<String, String>> perSchool = new java.util.HashMap<>();
        for (UUID s : List.of(own, other)) {
            api.awaitKnownEverywhere(s);
            perSchool.put(s, Map.of(
                    "contract", api.created("/api/contracts", Map.of("schoolId", s.toString(),
                            "term", Map.of("startYear", year, "endYear", year))),
                    "grant", api.created("/api/autonomy/grants", Map.of("schoolId", s.toString(), "domain", "TIME",
                            "model", "FULL_WITH_EXPECTATIONS", "reason", "Board resolution")),
                    "request", api.created("/api/autonomy/requests", proposal(s)),
                    "flag", openIntegrityFlag(s, year)));
        }
        for (UUID s : List.of(own, other)) {
            api.asAdmin().contentType("application/json").body(Map.of("edfiSchoolId", edfiId(s), "schoolId", s.toString()))
                    .post("/edfi/mappings/schools").then().statusCode(200);
        }
        fixture = new Fixture(body, own, other, perSchool, UUID.fromString(api.created("/api/enrollment/periods", period(year))),
                year, api.created("/api/webhooks", webhook()), ownZone, otherBody);
        TOKENS.put(Who.DISTRICT_ADMIN, api.tokenFor("DISTRICT_ADMIN"));
        TOKENS.put(Who.OVERSIGHT, api.tokenFor("OVERSIGHT"));
        TOKENS.put(Who.SCHOOL_LEADER, api.tokenFor("SCHOOL_LEADER", fixture.ownSchool()));
        TOKENS.put(Who.SIS, api.tokenFor("SIS", fixture.ownSchool()));
        TOKENS.put(Who.ENROLLMENT_OFFICER, api.tokenFor("ENROLLMENT_OFFICER"));
        for (Mixed m : MIXED) {
            MIXED_TOKENS.put(m.name(), api.tokenFor(m.roles().stream().map(Who::name).toList(), List.of(fixture.ownSchool())));
        }
        for (Who who : List.of(Who.SCHOOL_LEADER, Who.SIS)) {
            for (ScopeKind kind : SCOPE_KINDS) {
                if (!kind.appliesTo(who)) {
                    continue;
                }
                String token = api.tokenForScope(List.of(who.name()), scope(kind));
                assertThat(token.length()).as(kind.name() + ": the token names its scope by reference").isLessThan(4_096);
                SCOPE_TOKENS.put(who + " " + kind.name(), token);
            }
        }
        PortfolioStack.Client edfi = running.stack().edfiServiceClient();
        ingestOnlyToken = api.token(edfi.id(), edfi.secret());
        authorizerToken = api.tokenForScope(List.of("OVERSIGHT"), Map.of("oversightBodies", List.of(body)));
        SCOPE_TOKENS.put("OVERSIGHT " + AUTHORIZER, authorizerToken);
        awaitScopesResolvedEverywhere();
    }

    private static Map<String, Object> scope(ScopeKind kind) {
        return switch (kind.name()) {
            case "2,000 schools" -> {
                List<UUID> many = new ArrayList<>(List.of(fixture.ownSchool()));
                while (many.size() < 2_000) {
                    many.add(UUID.randomUUID());
                }
                yield Map.of("schools", many);
            }
            case "oversight body" -> Map.of("oversightBodies", List.of(fixture.oversightBody()));
            case "zone" -> Map.of("zones", List.of(fixture.ownZone()));
            case "every school" -> Map.of("allSchools", true);
            default -> throw new IllegalArgumentException(kind.name());
        };
    }

    /**
     * The gateway resolves a body's or zone's schools from contracts-service's events and every service learns the
     * result from gateway.clients: wait (at most 30 s) until each scoped token's own cells pass everywhere.
     */
    private static void awaitScopesResolvedEverywhere() throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        for (Map.Entry<String, String> t : SCOPE_TOKENS.entrySet()) {
            Who who = Who.valueOf(t.getKey().substring(0, t.getKey().indexOf(' ')));
            for (Row row : ROWS) {
                Cell cell = who == Who.OVERSIGHT ? authorizerCell(row) : row.cells().get(who);
                if (cell != Cell.OWN || !row.method().equals("GET")) {
                    continue;
                }
                for (boolean viaGateway : List.of(true, false)) {
                    while (call(row, t.getValue(), fixture.ownSchool(), viaGateway).statusCode() == 403) {
                        if (System.nanoTime() > deadline) {
                            throw new AssertionError(t.getKey() + ": " + row.path() + " still 403 after 30 s");
                        }
                        Thread.sleep(100);
                    }
                }
            }
        }
    }

    /**
     * An OPEN integrity flag of the school: ten students tested in MATH and one more not tested at each call (below 95 %
     * participation; a new student changes the evidence, so a resolved flag is followed by a new one).
     */
    static String openIntegrityFlag(UUID school, String year) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        String p = "MX-" + school.toString().substring(0, 8) + "-";
        for (int i = 0; i < 10; i++) {
            rows.add(Map.of("schoolId", school.toString(), "schoolYear", year, "studentId", p + i, "subject", "MATH",
                    "testCode", "STATE", "performanceLevel", 3, "participation", "TESTED"));
        }
        rows.add(Map.of("schoolId", school.toString(), "schoolYear", year, "studentId", p + "nt-" + UUID.randomUUID(),
                "subject", "MATH", "testCode", "STATE", "participation", "NOT_TESTED"));
        api.asAdmin().contentType("application/json").body(rows).post("/api/performance/ingest/assessments").then()
                .statusCode(201);
        List<Map<String, Object>> flags = api.asAdmin().get("/api/performance/schools/" + school + "/profile").then()
                .statusCode(200).extract().path("integrityFlags");
        return flags.stream().filter(f -> "OPEN".equals(f.get("status"))).map(f -> (String) f.get("id")).findFirst()
                .orElseThrow(() -> new AssertionError("no open integrity flag for " + school + ": " + flags));
    }

    static Map<String, Object> proposal(UUID school) {
        return Map.of("schoolId", school.toString(), "domain", "TIME", "decisions", List.of("EXTEND_SCHOOL_DAY"),
                "title", "Extended day", "justification", "More time for reading", "expectedOutcomes", List.of("ELA +5"),
                // the next school year and the one after: fixed dates (2027-07-01 to 2029-06-30) made every cell fail from
                // 2029-07-01, an end in the past being a 400 (time-bomb review, sixteenth pass)
                "startDate", (Api.schoolYearStart() + 1) + "-07-01", "endDate", (Api.schoolYearStart() + 3) + "-06-30");
    }

    /** A subscription that never receives anything (a school no event is about), to a port nothing listens on. */
    static Map<String, Object> webhook() {
        return Map.of("url", "http://127.0.0.1:9/role-matrix", "eventTypes", List.of("portfolio.contracts.SchoolRegistered.v1"),
                "schoolIds", List.of(UUID.randomUUID().toString()));
    }

    static Map<String, Object> period(String year) {
        return Map.of("name", "Matrix round " + UUID.randomUUID(), "schoolYear", year, "maxChoices", 12,
                "offerDeadline", Api.offerDeadline());
    }

    @TestFactory
    Stream<DynamicTest> throughTheGateway() {
        return cells(true);
    }

    @TestFactory
    Stream<DynamicTest> directlyAgainstTheService() {
        return cells(false);
    }

    @Test
    void aSchoolLeaderReachingIntoAnotherSchoolIsStoppedAtTheGateway() {
        String leader = TOKENS.get(Who.SCHOOL_LEADER);
        Response other = api.gw().auth().oauth2(leader).get("/api/schools/" + fixture.otherSchool() + "/standing");
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.<String>path("type")).isEqualTo("urn:portfolio:problem:forbidden");
        assertThat(other.<String>path("detail")).contains(fixture.otherSchool().toString());
        // its own school passes the gateway and gets the service's answer
        assertThat(api.gw().auth().oauth2(leader).get("/api/schools/" + fixture.ownSchool() + "/standing").statusCode())
                .isEqualTo(200);
    }

    @Test
    void anSisClientsRowsForAnotherSchoolAreRefusedRowByRowThroughTheGatewayAndDirectly() {
        for (RequestSpecification spec : List.of(api.gw(), api.direct("performance-service"))) {
            Response r = spec.auth().oauth2(TOKENS.get(Who.SIS)).contentType("application/json")
                    .body(List.of(metric(fixture.ownSchool()), metric(fixture.otherSchool())))
                    .post("/api/performance/ingest/school-metrics");
            assertThat(r.statusCode()).as(r.asString()).isEqualTo(201);
            assertThat(r.<Integer>path("rowsAccepted")).isEqualTo(1);
            assertThat(r.<Integer>path("rowsRejected")).isEqualTo(1);
            assertThat(r.<Integer>path("errors[0].row")).isEqualTo(2);
            assertThat(r.<String>path("errors[0].field")).isEqualTo("schoolId");
            assertThat(r.<String>path("errors[0].message")).contains("not scoped");
        }
    }

    @Test
    void anAuthorizersListsShowTheSchoolsOfItsOversightBodyOnlyThroughTheGatewayAndDirectly() {
        String own = fixture.ownSchool().toString();
        String other = fixture.otherSchool().toString();
        for (boolean viaGateway : List.of(true, false)) {
            for (String path : List.of("/api/contracts?size=200", "/api/autonomy/portfolio?size=500", "/api/autonomy/grants?size=200")) {
                String service = path.startsWith("/api/contracts") ? "contracts-service" : "autonomy-service";
                Response r = (viaGateway ? api.gw() : api.direct(service)).auth().oauth2(authorizerToken).get(path);
                assertThat(r.statusCode()).as(path + ": " + r.asString()).isEqualTo(200);
                List<String> schools = r.jsonPath().getList("items.schoolId");
                assertThat(schools).as(path).contains(own).doesNotContain(other);
            }
            // asking for the other school by name is refused; the district's own oversight office gets it
            for (String path : List.of("/api/contracts?schoolId=" + other, "/api/autonomy/grants?schoolId=" + other)) {
                String service = path.startsWith("/api/contracts") ? "contracts-service" : "autonomy-service";
                assertThat((viaGateway ? api.gw() : api.direct(service)).auth().oauth2(authorizerToken).get(path).statusCode())
                        .as(path).isEqualTo(403);
                Response office = (viaGateway ? api.gw() : api.direct(service)).auth().oauth2(TOKENS.get(Who.OVERSIGHT)).get(path);
                assertThat(office.jsonPath().getList("items.schoolId")).as(path).contains(other);
            }
        }
    }

    private Map<String, Object> metric(UUID school) {
        return Map.of("schoolId", school.toString(), "schoolYear", fixture.year(), "metricCode", "TEACHER_VACANCIES",
                "value", 2, "n", 20);
    }

    private Stream<DynamicTest> cells(boolean viaGateway) {
        List<DynamicTest> tests = new ArrayList<>();
        for (Row row : ROWS) {
            if (!viaGateway && row.service().equals("gateway")) {
                continue;
            }
            for (Who who : Who.values()) {
                Cell cell = row.cells().get(who);
                String name = "[" + (viaGateway ? "gateway" : row.service()) + "] " + row.endpointClass() + ": "
                        + row.method() + " " + row.path() + " as " + who + " → " + cell;
                tests.add(DynamicTest.dynamicTest(name, () -> check(row, who.name(), TOKENS.get(who), cell, viaGateway)));
            }
            for (Who who : List.of(Who.SCHOOL_LEADER, Who.SIS)) {
                Cell base = row.cells().get(who);
                if (base == Cell.DENY) {
                    continue; // a role the endpoint does not admit: no scope changes that
                }
                for (ScopeKind kind : SCOPE_KINDS) {
                    if (!kind.appliesTo(who)) {
                        continue;
                    }
                    Cell cell = kind.everySchool() && base == Cell.OWN ? Cell.ALLOW : base;
                    String as = who + " scoped to " + kind.name();
                    String name = "[" + (viaGateway ? "gateway" : row.service()) + "] " + row.endpointClass() + ": "
                            + row.method() + " " + row.path() + " as " + as + " → " + cell;
                    String token = SCOPE_TOKENS.get(who + " " + kind.name());
                    tests.add(DynamicTest.dynamicTest(name, () -> {
                        check(row, as, token, cell, viaGateway);
                        if (cell == Cell.ALLOW && kind.everySchool() && base == Cell.OWN) {
                            expect(call(row, token, fixture.otherSchool(), viaGateway), true, as, false, row);
                        }
                    }));
                }
            }
            Cell authorizer = authorizerCell(row);
            String authorizerName = "[" + (viaGateway ? "gateway" : row.service()) + "] " + row.endpointClass() + ": "
                    + row.method() + " " + row.path() + " as " + AUTHORIZER + " → " + authorizer;
            tests.add(DynamicTest.dynamicTest(authorizerName, () -> {
                if (row.path().contains("{fresh-school}") && authorizer == Cell.OWN) {
                    // a school registered a moment ago joins the body's scope once the gateway and the service heard of it
                    awaitAllowed(row, authorizerToken, viaGateway);
                    expect(call(row, authorizerToken, fixture.otherSchool(), viaGateway), false, AUTHORIZER, false, row);
                } else {
                    check(row, AUTHORIZER, authorizerToken, authorizer, viaGateway);
                }
            }));
            if (row.cells().get(Who.ANONYMOUS) != Cell.ALLOW) {
                // edfi-service's own client (SIS of every school) is ingest-only: refused on every operation of the
                // matrix (its three ingestion operations are not rows here: performance-service's SecurityTest; the
                // corrections row's CORRECT is refused too — it may only retract), through the gateway and directly
                String name = "[" + (viaGateway ? "gateway" : row.service()) + "] " + row.endpointClass() + ": "
                        + row.method() + " " + row.path() + " as svc_edfi (ingest-only) → " + Cell.DENY;
                tests.add(DynamicTest.dynamicTest(name, () -> check(row, "svc_edfi", ingestOnlyToken, Cell.DENY, viaGateway)));
            }
            for (Mixed m : MIXED) {
                Cell cell = m.cellOf(row);
                String name = "[" + (viaGateway ? "gateway" : row.service()) + "] " + row.endpointClass() + ": "
                        + row.method() + " " + row.path() + " as " + m.name() + " → " + cell;
                tests.add(DynamicTest.dynamicTest(name, () -> check(row, m.name(), MIXED_TOKENS.get(m.name()), cell, viaGateway)));
            }
        }
        return tests.stream();
    }

    /** The call for the caller's own school, on one path, retried (at most 20 s) while it is refused 403. */
    private static void awaitAllowed(Row row, String token, boolean viaGateway) throws Exception {
        String path = path(row.path(), fixture.ownSchool());
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        Response r;
        do {
            RequestSpecification spec = (viaGateway ? api.gw() : api.direct(row.service())).auth().oauth2(token);
            if (row.body() != null) {
                spec = spec.contentType("application/json").body(row.body().of(fixture, fixture.ownSchool()));
            }
            r = spec.request(row.method(), path);
            if (r.statusCode() == 403) {
                Thread.sleep(200);
            }
        } while (r.statusCode() == 403 && System.nanoTime() < deadline);
        expect(r, true, AUTHORIZER, false, row);
    }

    /** {@code token} null: anonymous. */
    private void check(Row row, String who, String token, Cell cell, boolean viaGateway) throws Exception {
        if (cell == Cell.OWN) {
            expect(call(row, token, fixture.ownSchool(), viaGateway), true, who, token == null, row);
            expect(call(row, token, fixture.otherSchool(), viaGateway), false, who, token == null, row);
        } else {
            expect(call(row, token, fixture.ownSchool(), viaGateway), cell == Cell.ALLOW, who, token == null, row);
        }
    }

    private static Response call(Row row, String token, UUID school, boolean viaGateway) throws Exception {
        RequestSpecification spec = viaGateway ? api.gw() : api.direct(row.service());
        if (token != null) {
            spec = spec.auth().oauth2(token);
        }
        if (row.body() != null) {
            spec = spec.contentType("application/json").body(row.body().of(fixture, school));
        }
        return spec.request(row.method(), path(row.path(), school));
    }

    private static String path(String template, UUID school) throws Exception {
        String path = template.replace("{school}", school.toString())
                .replace("{body}", fixture.oversightBody().toString())
                .replace("{period}", fixture.period().toString())
                .replace("{year}", fixture.year())
                .replace("{webhook}", fixture.webhook())
                .replace("{edfi-school}", Long.toString(edfiId(school)));
        for (var e : fixture.perSchool().get(school).entrySet()) {
            path = path.replace("{" + e.getKey() + "}", e.getValue());
        }
        if (path.contains("{fresh-school}")) {
            path = path.replace("{fresh-school}", api.school(fixture.bodyOf(school)).toString());
        }
        if (path.contains("{fresh-flag}")) {
            path = path.replace("{fresh-flag}", openIntegrityFlag(school, fixture.year()));
        }
        if (path.contains("{request-under-review}")) {
            String id = api.created("/api/autonomy/requests", proposal(school));
            api.asAdmin().contentType("application/json").body(Map.of("note", "Reviewing")).post("/api/autonomy/requests/" + id + "/review")
                    .then().statusCode(200);
            path = path.replace("{request-under-review}", id);
        }
        if (path.matches(".*\\{[a-z-]+}.*")) {
            throw new IllegalStateException("unknown placeholder in " + template);
        }
        return path;
    }

    private static void expect(Response r, boolean allowed, String who, boolean anonymous, Row row) {
        String what = row.method() + " " + row.path() + " as " + who + ": " + r.statusCode() + " " + r.asString();
        if (allowed) {
            assertThat(r.statusCode()).as(what).isBetween(200, 299);
        } else {
            assertThat(r.statusCode()).as(what).isEqualTo(anonymous ? 401 : 403);
            assertThat(r.contentType()).as(what).startsWith("application/problem+json");
        }
    }

    private static Row row(String endpointClass, String service, String method, String path, Body body, String cells) {
        String[] c = cells.trim().split("\\s+");
        if (c.length != Who.values().length) {
            throw new IllegalArgumentException(endpointClass + ": " + Who.values().length + " cells expected");
        }
        Map<Who, Cell> map = new EnumMap<>(Who.class);
        for (int i = 0; i < c.length; i++) {
            map.put(Who.values()[i], switch (c[i]) {
                case "✓" -> Cell.ALLOW;
                case "–", "-" -> Cell.DENY;
                case "own" -> Cell.OWN;
                default -> throw new IllegalArgumentException(endpointClass + ": unknown cell " + c[i]);
            });
        }
        return new Row(endpointClass, service, method, path, body, map);
    }

    /**
     * A correction of an assessment result the administrator has just uploaded for the school (a correction must name a
     * stored record: else 422).
     */
    private static Object correctionOfAStoredResult(Fixture f, UUID school) throws Exception {
        String student = "MATRIX-" + UUID.randomUUID().toString().substring(0, 8);
        api.asAdmin().contentType("application/json").body(List.of(Map.of("schoolId", school.toString(),
                        "schoolYear", f.year(), "studentId", student, "subject", "ELA", "testCode", "STATE",
                        "performanceLevel", 2))).post("/api/performance/ingest/assessments").then().statusCode(201);
        return Map.of("reasonCode", "SCORING_ERROR", "note", "Rescored by the vendor", "items", List.of(Map.of("schoolId", school.toString(),
                "schoolYear", f.year(), "studentId", student, "subject", "ELA", "testCode", "STATE", "action", "CORRECT",
                "performanceLevel", 3)));
    }

    /** The Ed-Fi schoolId the matrix maps a school to (edfi-service's school mapping). */
    static long edfiId(UUID school) {
        return 100_000_000L + Math.floorMod(school.getMostSignificantBits(), 899_999_999L);
    }

    private static String code(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
    }
}
