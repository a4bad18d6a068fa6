package org.portfolio.system.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.portfolio.system.gateway.RunningStack;
import org.junit.jupiter.api.TestMethodOrder;
import org.portfolio.system.PortfolioStack;
import org.portfolio.testing.contract.ContractValidation;
import org.portfolio.testing.contract.OpenApiContract;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The README's first command on a fresh home: {@code ./portfolio up --demo} brings the five services to ready, the
 * demo district the README walks through is there as the loader promises, and a second {@code up --demo} starts no
 * new process and adds nothing. The stack is the run's shared one ({@link RunningStack} starts it with
 * {@code up --demo}): each start of the suite costs a minute or two on two cores. That {@code ./portfolio down} leaves
 * no process behind is checked when the run stops it ({@link RunningStack.Stack#close}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
// first of all classes: it sees the demo district before any other test adds to the shared stack
@Order(0)
@ExtendWith(RunningStack.class)
class DemoDistrictIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static PortfolioStack stack;
    private static String firstOutput;
    private static JsonNode clients;
    /** The pids `up` started: the six services, the infrastructure launcher, the demo's webhook receiver, PostgreSQL's postmaster. */
    private static final List<Long> started = new ArrayList<>();

    @BeforeAll
    static void theSharedStackUpWithTheDemo(RunningStack.Stack running) throws Exception {
        stack = running.stack();
        firstOutput = running.upOutput();
        clients = JSON.readTree(stack.home().resolve("demo-clients.json").toFile());
    }

    private static List<Long> pids() throws IOException {
        return RunningStack.pids(stack);
    }

    @Test
    @Order(1)
    void upBringsEveryServiceToReadyWithItsOpenApi() throws Exception {
        for (String s : PortfolioStack.SERVICES) {
            assertThat(firstOutput).contains("ready  " + s);
            RestAssured.given().baseUri(stack.url(s)).get("/q/health/ready")
                    .then().statusCode(200).body("status", equalTo("UP"));
            RestAssured.given().baseUri(stack.url(s)).accept("application/json").get("/q/openapi").then().statusCode(200);
        }
        assertThat(stack.run(Duration.ofSeconds(30), "status")).contains("ready=UP").doesNotContain("ready=DOWN")
                .containsPattern("postgres :\\d+ up  kafka :\\d+ up");
        started.addAll(pids());
        assertThat(started).allMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        // a JVM that runs out of memory exits rather than stay up half working (outside check of the twenty-second pass:
        // a gateway without its event loop answered nothing for minutes)
        for (String s : java.util.stream.Stream.concat(PortfolioStack.SERVICES.stream(), java.util.stream.Stream.of("infra")).toList()) {
            String cmdline = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + stack.pid(s).orElseThrow() + "/cmdline"));
            assertThat(cmdline).as(s + "'s command line").contains("-XX:+ExitOnOutOfMemoryError");
        }
    }

    private static RequestSpecification gw() {
        return RestAssured.given().baseUri(stack.url("gateway")).accept("application/json");
    }

    private static String token(String role) {
        JsonNode c = clients.path(role);
        Response r = gw().auth().preemptive().basic(c.path("clientId").asText(), c.path("clientSecret").asText())
                .contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials").post("/oauth/token");
        assertThat(r.statusCode()).as("token for the demo's " + role + " client").isEqualTo(200);
        return r.path("access_token");
    }

    private static JsonNode get(String role, String path) {
        RequestSpecification spec = role == null ? gw() : gw().auth().oauth2(token(role));
        Response r = spec.get(path);
        assertThat(r.statusCode()).as("GET " + path + " as " + role + ": " + r.asString()).isEqualTo(200);
        try {
            return JSON.readTree(r.asString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String year(int start) {
        return String.format(Locale.ROOT, "%d-%02d", start, (start + 1) % 100);
    }

    /**
     * The school year the demo was loaded for (demo.env's SCHOOL_YEAR), not today's: a build running across July 1 would
     * otherwise look for the loaded year's figures in the next one (time-bomb review, sixteenth pass).
     */
    private static int currentYear() {
        try {
            return Integer.parseInt(env("SCHOOL_YEAR").replace("\"", "").replace("'", "").substring(0, 4));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The loader talks to the gateway with plain java.net.http, past rest-assured's filter: its exchanges are logged
     * (PORTFOLIO_DEMO_EXCHANGE_LOG, set by RunningStack) and each is checked here against the merged document.
     */
    @Test
    @Order(2)
    void everyExchangeOfTheDemoLoaderConformsToTheMergedDocument() throws IOException {
        int checked = checkLoaderExchanges(0, "the first up --demo");
        assertThat(checked).as("exchanges the loader logged").isGreaterThan(100);
        // no credential in the file (sixteenth pass: it held the demo clients' live tokens, an administrator's among them)
        String all = String.join("\n", loaderExchanges());
        assertThat(all).as("the exchange log").contains("\\\"access_token\\\":\\\"redacted\\\"")
                .doesNotContainPattern("eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.");
    }

    @Test
    @Order(2)
    void theDemoDistrictIsLoadedWithEveryPartTheReadmeUses() throws IOException {
        assertThat(firstOutput).contains("Demo district loaded").contains("export REVOKED_SCHOOL=");

        JsonNode schools = get(null, "/api/schools?size=200");
        assertThat(schools.path("total").asInt()).isGreaterThanOrEqualTo(20);
        Set<String> types = new HashSet<>();
        schools.path("items").forEach(s -> {
            types.add(s.path("type").asText());
            assertThat(s.path("status").asText()).as(s.path("name").asText()).isEqualTo("OPEN");
        });
        assertThat(types).containsExactlyInAnyOrder("DISTRICT", "CHARTER", "INNOVATION", "CONTRACT", "MAGNET");

        JsonNode active = get("OVERSIGHT", "/api/contracts?status=ACTIVE&size=200");
        assertThat(active.path("total").asInt()).isGreaterThanOrEqualTo(10);
        JsonNode contract = get("OVERSIGHT", "/api/contracts/" + active.path("items").get(0).path("id").asText());
        assertThat(contract.path("benchmarks").size()).isGreaterThan(0);
        Set<String> models = new HashSet<>();
        for (JsonNode c : active.path("items")) {
            get("OVERSIGHT", "/api/contracts/" + c.path("id").asText()).path("provisions").forEach(p -> models.add(p.path("model").asText()));
        }
        assertThat(models).containsExactlyInAnyOrder("FULL_WITH_EXPECTATIONS", "EARNED", "PROGRAMMATIC");

        for (int start : new int[]{currentYear() - 1, currentYear()}) {
            assertThat(get("OVERSIGHT", "/api/performance/frameworks?status=PUBLISHED&schoolYear=" + year(start)).path("total").asInt())
                    .as("a published framework for " + year(start)).isEqualTo(1);
            assertThat(get("OVERSIGHT", "/api/performance/ratings?rated=true&size=200&schoolYear=" + year(start)).path("total").asInt())
                    .as("ratings for " + year(start)).isGreaterThanOrEqualTo(20);
        }

        JsonNode revoked = get("OVERSIGHT", "/api/autonomy/grants?status=REVOKED&size=200");
        assertThat(revoked.path("total").asInt()).isGreaterThan(0);
        JsonNode grant = get("OVERSIGHT", "/api/autonomy/grants/" + revoked.path("items").get(0).path("id").asText());
        assertThat(grant.path("cause").path("kind").asText()).isEqualTo("BENCHMARK_MISSED");
        String revokedSchool = env("REVOKED_SCHOOL");
        JsonNode hire = get(null, "/api/autonomy/schools/" + revokedSchool + "/decision-rights/HIRE_TEACHERS");
        assertThat(hire.path("decidedBy").asText()).isEqualTo("DISTRICT");
        assertThat(hire.path("basis").path("reason").asText()).isEqualTo("REVOKED");
        assertThat(get("OVERSIGHT", "/api/autonomy/grants?status=ACTIVE&model=EARNED").path("total").asInt())
                .as("EARNED autonomy granted from two years of ratings").isGreaterThan(0);
        assertThat(get("OVERSIGHT", "/api/autonomy/requests/" + env("REQUEST_ID")).path("status").asText()).isEqualTo("UNDER_REVIEW");

        // the accountability clock: one overdue intervention step and one MISSING_DATA benchmark, on the scorecard and
        // in the calendar
        String clockContract = env("CLOCK_CONTRACT");
        JsonNode card = get("OVERSIGHT", "/api/contracts/" + clockContract + "/scorecard");
        assertThat(card.path("intervention").path("overdue").asBoolean()).as(card.toString()).isTrue();
        assertThat(card.path("summary").path("missingData").asInt()).as(card.toString()).isEqualTo(1);
        JsonNode calendar = get("OVERSIGHT", "/api/contracts/calendar");
        List<String> kinds = new java.util.ArrayList<>();
        calendar.path("overdue").forEach(o -> {
            if (o.path("contractId").asText().equals(clockContract)) {
                kinds.add(o.path("kind").asText());
            }
        });
        assertThat(kinds).containsExactlyInAnyOrder("STEP_OVERDUE", "MISSING_DATA");

        JsonNode period = get("ENROLLMENT_OFFICER", "/api/enrollment/periods/" + env("PERIOD_ID"));
        assertThat(period.path("status").asText()).isEqualTo("OPEN");
        assertThat(get("ENROLLMENT_OFFICER", "/api/enrollment/periods/" + env("PERIOD_ID") + "/applications?size=1").path("total").asInt())
                .isGreaterThanOrEqualTo(200);

        // the integrity flag the README shows: on the profile and the contract's scorecard, and nothing revoked for it
        JsonNode flag = get("OVERSIGHT", "/api/performance/integrity-flags/" + env("INTEGRITY_FLAG"));
        assertThat(flag.path("rule").asText()).isEqualTo("LOW_PARTICIPATION");
        assertThat(flag.path("scope").asText()).isEqualTo("MATH");
        assertThat(flag.path("evidence").path("participationPercent").asDouble()).isLessThan(95.0);
        assertThat(flag.path("schoolId").asText()).isEqualTo(env("INTEGRITY_SCHOOL"));
        JsonNode scorecard = get("OVERSIGHT", "/api/contracts/" + env("INTEGRITY_CONTRACT") + "/scorecard");
        assertThat(scorecard.path("integrityFlags").findValuesAsText("flagId")).contains(env("INTEGRITY_FLAG"));
        assertThat(scorecard.path("integrityFlags").get(0).path("explanation").asText()).contains("changes no benchmark");
        assertThat(get("OVERSIGHT", "/api/autonomy/grants?status=ACTIVE&model=EARNED&schoolId=" + env("INTEGRITY_SCHOOL"))
                .path("total").asInt()).as("the flagged school keeps its EARNED autonomy").isGreaterThan(0);

        Path secrets = stack.home().resolve("demo-clients.json");
        assertThat(Files.getPosixFilePermissions(secrets)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
    }

    @Test
    @Order(2)
    void theDemosCorrectionReinstatedTheAutonomyItsMisScoredBatchHadRevoked() throws IOException {
        String school = env("CORRECTED_SCHOOL");
        String correction = env("CORRECTION_ID");
        JsonNode audit = get("SIS", "/api/performance/corrections/" + correction);
        assertThat(audit.path("kind").asText()).isEqualTo("ASSESSMENT");
        assertThat(audit.path("itemsChanged").asInt()).isGreaterThan(0);
        assertThat(audit.path("items").get(0).path("before").path("performanceLevel").asInt()).isEqualTo(2);
        // issue 15: the code is published, the note (free text) only in the audit
        assertThat(audit.path("reasonCode").asText()).isEqualTo("SCORING_ERROR");
        assertThat(audit.path("note").asText()).contains("last year's scale");
        JsonNode program = null;
        for (JsonNode g : get("OVERSIGHT", "/api/autonomy/grants?schoolId=" + school).path("items")) {
            if (g.path("domain").asText().equals("PROGRAM")) {
                program = g;
            }
        }
        assertThat(program).isNotNull();
        JsonNode grant = get("OVERSIGHT", "/api/autonomy/grants/" + program.path("id").asText());
        assertThat(grant.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(grant.path("cause").path("kind").asText()).isEqualTo("BENCHMARK_MET");
        assertThat(grant.path("cause").path("correctionId").asText()).isEqualTo(correction);
        JsonNode rights = get(null, "/api/autonomy/schools/" + school + "/decision-rights/CHOOSE_CURRICULUM");
        assertThat(rights.path("decidedBy").asText()).isEqualTo("SCHOOL");
        assertThat(rights.path("basis").path("explanation").asText()).contains("corrected data", correction,
                "SCORING_ERROR");
        assertThat(rights.toString()).doesNotContain("last year's scale");
        assertThat(grant.toString()).doesNotContain("last year's scale");
        JsonNode history = get("OVERSIGHT", "/api/contracts/" + env("CORRECTED_CONTRACT") + "/history?size=200");
        boolean named = false;
        for (JsonNode h : history.path("items")) {
            named |= h.path("kind").asText().equals("BENCHMARK_EVALUATED") && h.path("summary").asText().contains(correction);
        }
        assertThat(named).as("the contract history names the correction").isTrue();
        assertThat(history.toString()).doesNotContain("last year's scale");
    }

    @Test
    @Order(2)
    void theCharterCommissionsClientDecidesAndReadsForTheCharterSchoolsItOverseesOnly() throws IOException {
        JsonNode office = get("OVERSIGHT", "/api/contracts?status=ACTIVE&size=200");
        JsonNode commission = get("COMMISSION", "/api/contracts?status=ACTIVE&size=200");
        assertThat(commission.path("total").asInt()).isGreaterThan(0).isLessThan(office.path("total").asInt());
        commission.path("items").forEach(c -> assertThat(c.path("schoolType").asText()).as(c.path("schoolName").asText())
                .isEqualTo("CHARTER"));
        // Harbor Light is a charter school: the commission reads its scorecard
        assertThat(get("COMMISSION", "/api/contracts/" + env("REVOKED_CONTRACT") + "/scorecard").path("benchmarks").size())
                .isGreaterThan(0);
        // a board school's contract is not the commission's: 403, while the public directory stays open to it
        JsonNode boardContract = null;
        for (JsonNode c : office.path("items")) {
            if (!c.path("schoolType").asText().equals("CHARTER")) {
                boardContract = c;
                break;
            }
        }
        assertThat(boardContract).isNotNull();
        Response refused = gw().auth().oauth2(token("COMMISSION")).get("/api/contracts/" + boardContract.path("id").asText());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.<String>path("type")).isEqualTo("urn:portfolio:problem:forbidden");
        assertThat(get("COMMISSION", "/api/schools/" + boardContract.path("schoolId").asText()).path("type").asText())
                .isNotEqualTo("CHARTER");
    }

    @Test
    @Order(2)
    void theDemoReceiverGetsSignedDeliveriesOfTheDistrictsEvents() {
        Path log = stack.home().resolve("logs/demo-webhooks.log");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            assertThat(log).exists();
            assertThat(Files.readString(log)).contains("portfolio.contracts.SchoolRegistered.v1")
                    .contains("portfolio.autonomy.AutonomyRevoked.v1").contains("signature ok").doesNotContain("SIGNATURE REFUSED");
        });
        assertThat(firstOutput).contains("demo webhook receiver");
    }

    @Test
    @Order(3)
    void aSecondUpWithTheDemoStartsNothingNewAndAddsNothing() throws Exception {
        Map<String, Integer> before = counts();
        int logged = loaderExchanges().size();
        String again = stack.run(Duration.ofMinutes(6), "up", "--demo");
        assertThat(again).contains("Demo district loaded");
        assertThat(counts()).isEqualTo(before);
        assertThat(pids()).as("the processes after a second up").isEqualTo(started);
        assertThat(checkLoaderExchanges(logged, "the second up --demo")).as("exchanges of the second load").isGreaterThan(0);
    }

    private static List<String> loaderExchanges() throws IOException {
        Path log = RunningStack.demoExchanges(stack);
        assertThat(log).as("the demo loader's exchange log (PORTFOLIO_DEMO_EXCHANGE_LOG)").exists();
        return Files.readAllLines(log);
    }

    /**
     * Checks the loader's logged exchanges from line {@code from} on against the gateway's merged OpenAPI document, as
     * the rest-assured filter checks the tests' own (a request the document forbids must get a declared 4xx; every
     * answer must conform); fails with every violation. Returns how many were checked.
     */
    private static int checkLoaderExchanges(int from, String which) throws IOException {
        URI gateway = URI.create(stack.url("gateway"));
        String origin = gateway.getScheme() + "://" + gateway.getHost() + ":" + gateway.getPort();
        List<String> lines = loaderExchanges();
        List<String> violations = new ArrayList<>();
        int checked = 0;
        for (String line : lines.subList(from, lines.size())) {
            JsonNode x = JSON.readTree(line);
            OpenApiContract.Exchange exchange = new OpenApiContract.Exchange(x.path("method").asText(), x.path("path").asText(),
                    text(x, "query"), text(x, "requestContentType"), text(x, "requestBody"), x.path("status").asInt(),
                    text(x, "contentType"), text(x, "body"));
            checked++;
            try {
                ContractValidation.check(origin, exchange);
            } catch (AssertionError e) {
                String m = e.getMessage();
                violations.add(m.length() > 2000 ? m.substring(0, 2000) + " …" : m);
            }
        }
        System.out.println("[demo] " + checked + " exchanges of the demo loader (" + which + ") validated against the gateway's "
                + "merged OpenAPI document: " + violations.size() + " violations");
        assertThat(violations).as(violations.size() + " of the demo loader's " + checked + " exchanges (" + which
                + ") break the merged OpenAPI document").isEmpty();
        return checked;
    }

    private static String text(JsonNode x, String field) {
        JsonNode v = x.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }

    private static String env(String name) throws IOException {
        for (String line : Files.readAllLines(stack.home().resolve("demo.env"))) {
            if (line.startsWith("export " + name + "=")) {
                return line.substring(line.indexOf('=') + 1);
            }
        }
        throw new AssertionError(name + " is not in demo.env");
    }

    private static Map<String, Integer> counts() throws IOException {
        Map<String, Integer> c = new LinkedHashMap<>();
        c.put("oversight bodies", get("OVERSIGHT", "/api/oversight-bodies").path("total").asInt());
        c.put("schools", get(null, "/api/schools").path("total").asInt());
        c.put("contracts", get("OVERSIGHT", "/api/contracts").path("total").asInt());
        c.put("grants", get("OVERSIGHT", "/api/autonomy/grants").path("total").asInt());
        c.put("requests", get("OVERSIGHT", "/api/autonomy/requests").path("total").asInt());
        c.put("frameworks", get("OVERSIGHT", "/api/performance/frameworks").path("total").asInt());
        c.put("ratings " + year(currentYear()), get("OVERSIGHT", "/api/performance/ratings?schoolYear=" + year(currentYear())).path("total").asInt());
        c.put("periods", get("ENROLLMENT_OFFICER", "/api/enrollment/periods").path("total").asInt());
        c.put("programs", get("ENROLLMENT_OFFICER", "/api/enrollment/periods/" + env("PERIOD_ID") + "/programs").size());
        c.put("applications", get("ENROLLMENT_OFFICER", "/api/enrollment/periods/" + env("PERIOD_ID") + "/applications").path("total").asInt());
        c.put("applicants", get("ENROLLMENT_OFFICER", "/api/enrollment/applicants").path("total").asInt());
        c.put("integrity flags", get("OVERSIGHT", "/api/performance/schools/" + env("INTEGRITY_SCHOOL") + "/profile")
                .path("integrityFlags").size());
        return c;
    }
}
