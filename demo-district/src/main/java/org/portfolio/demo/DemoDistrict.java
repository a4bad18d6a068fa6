package org.portfolio.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.portfolio.demo.District.Applicant;
import org.portfolio.demo.District.School;
import org.portfolio.demo.District.Student;
import org.portfolio.demo.District.Year;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * {@code ./portfolio up --demo}: loads the demo district through the gateway's public API only, with one API client
 * per role, each doing its own part (the oversight body registers and opens schools and signs contracts, the SIS
 * posts the data, the school leader asks for autonomy, the enrollment office opens the round). Idempotent: what
 * exists is found (by name, district code, school) and kept; the student data is the same every run, so a re-post
 * changes nothing.
 *
 * <pre>java -cp demo-district/target/classes:demo-district/target/lib/* org.portfolio.demo.DemoDistrict
 *      --gateway http://localhost:8080 --home .portfolio</pre>
 */
public final class DemoDistrict {

    private static final long WAIT_SECONDS = Long.getLong("demo.wait-seconds", 240);

    private final Gateway gw;
    private final Path home;
    private final Gateway.Client admin;
    private final Map<String, Gateway.Client> clients = new LinkedHashMap<>();
    private final Map<String, String> bodies = new LinkedHashMap<>();
    private final Map<String, String> schoolIds = new LinkedHashMap<>();
    private final Map<String, String> contractIds = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private final int currentYear; // first calendar year of the current school year
    private final LocalDate today;
    private String clockNote;
    private String requestId;
    private String requestStatus;
    private String periodId;
    private String periodStatus;
    private int applicants;
    private int programs;

    private DemoDistrict(Gateway gw, Path home, Gateway.Client admin, LocalDate today) {
        this.gw = gw;
        this.home = home;
        this.admin = admin;
        this.currentYear = today.getMonthValue() >= 7 ? today.getYear() : today.getYear() - 1;
        this.today = today;
    }

    public static void main(String[] args) {
        String gateway = "http://localhost:8080";
        Path home = Path.of(".portfolio");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--gateway" -> gateway = args[++i];
                case "--home" -> home = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: DemoDistrict [--gateway URL] [--home PORTFOLIO_HOME]");
                    System.exit(2);
                }
            }
        }
        long start = System.nanoTime();
        try {
            Gateway gw = new Gateway(URI.create(gateway));
            DemoDistrict demo = new DemoDistrict(gw, home, bootstrap(home), LocalDate.now(ZoneOffset.UTC));
            demo.load();
            demo.summary((System.nanoTime() - start) / 1_000_000_000.0);
        } catch (Gateway.Unexpected e) {
            System.err.println("demo: unexpected answer from the gateway: " + e.getMessage());
            System.exit(1);
        } catch (RuntimeException | IOException e) {
            System.err.println("demo: " + e.getMessage());
            System.exit(1);
        }
    }

    /** The bootstrap administrator ./portfolio up generated (keys/bootstrap-admin.env), or PORTFOLIO_DEMO_ADMIN_ID/SECRET. */
    private static Gateway.Client bootstrap(Path home) throws IOException {
        String id = System.getenv("PORTFOLIO_DEMO_ADMIN_ID");
        String secret = System.getenv("PORTFOLIO_DEMO_ADMIN_SECRET");
        Path env = home.resolve("keys/bootstrap-admin.env");
        if ((id == null || secret == null) && Files.isReadable(env)) {
            for (String line : Files.readAllLines(env)) {
                if (line.startsWith("PORTFOLIO_GATEWAY_BOOTSTRAP_CLIENT_ID=")) {
                    id = line.substring(line.indexOf('=') + 1).trim();
                } else if (line.startsWith("PORTFOLIO_GATEWAY_BOOTSTRAP_CLIENT_SECRET=")) {
                    secret = line.substring(line.indexOf('=') + 1).trim();
                }
            }
        }
        if (id == null || secret == null) {
            throw new IllegalStateException("no administrator client: " + env + " is missing and PORTFOLIO_DEMO_ADMIN_ID / "
                    + "PORTFOLIO_DEMO_ADMIN_SECRET are not set");
        }
        return new Gateway.Client("the bootstrap administrator", id, secret);
    }

    private String year(int start) {
        return String.format(Locale.ROOT, "%d-%02d", start, (start + 1) % 100);
    }

    private void step(String what) {
        System.out.println("demo: " + what);
    }

    // ------------------------------------------------------------------------------------------------------- load

    private void load() throws IOException {
        if (gw.tryToken(admin) == null) {
            throw new IllegalStateException("the gateway refused the bootstrap administrator (" + admin.id + "); if its "
                    + "secret was rotated, set PORTFOLIO_DEMO_ADMIN_ID and PORTFOLIO_DEMO_ADMIN_SECRET");
        }
        step("district " + District.NAME + " through " + gw.base);
        oversightBodies();
        client("OVERSIGHT", "Riverton oversight office (demo)", Set.of("OVERSIGHT"), Set.of());
        // an authorizer's client: decides and reads non-public data for the charter schools its commission oversees only
        client("COMMISSION", "Riverton charter commission staff (demo)", Set.of("OVERSIGHT"), Set.of(),
                Set.of(bodies.get(District.COMMISSION)));
        client("ENROLLMENT_OFFICER", "Riverton enrollment office (demo)", Set.of("ENROLLMENT_OFFICER"), Set.of());
        webhookSubscription();
        schools();
        client("SIS", "Riverton student information system (demo)", Set.of("SIS"), new LinkedHashSet<>(schoolIds.values()));
        client("SCHOOL_LEADER", "Principal, " + District.byCode(District.LEADER_SCHOOL).name() + " (demo)",
                Set.of("SCHOOL_LEADER"), Set.of(schoolIds.get(District.LEADER_SCHOOL)));
        saveClients();
        waitForSchoolsEverywhere();
        frameworks();
        contracts();
        waitForContractGrants();
        boolean corrected = correctionDone();
        sisData(corrected);
        programmaticRequest();
        enrollment();
        waitForOutcomes();
        accountabilityClock();
        correction(corrected);
    }

    // ------------------------------------------------------------------------------------------ accountability clock

    static final String SURVEY_METRIC = "FAMILY_SURVEY_PARTICIPATION";

    /**
     * The accountability clock at one school (issue 15): the board amends its contract to adopt the clock (dates for
     * intervention steps, overdue steps flagged; data due 60 days after the school year, missing data counts as a
     * miss) and adds a benchmark of last year on the family survey, which the school never reported; a notice of
     * concern issued 45 days ago (due in 30) is then overdue. The clock is run now rather than waited for. Once: a
     * second run finds the terms and the dated step.
     */
    private void accountabilityClock() {
        Gateway.Client oversight = clients.get("OVERSIGHT");
        String id = contractIds.get(District.CLOCK_SCHOOL);
        JsonNode c = gw.get(oversight, "/api/contracts/" + id);
        LocalDate lastYearEnded = LocalDate.of(currentYear, 6, 30);
        if (!c.path("accountability").has("missingDataGraceDays")) {
            // data due 60 days after the school year's end; on a day closer to it than that, due by yesterday
            long grace = Math.max(0, Math.min(60, ChronoUnit.DAYS.between(lastYearEnded, today) - 1));
            List<Object> benchmarks = new ArrayList<>();
            c.path("benchmarks").forEach(benchmarks::add);
            Map<String, Object> survey = new LinkedHashMap<>();
            survey.put("metricCode", SURVEY_METRIC);
            survey.put("comparator", "GTE");
            survey.put("target", 60);
            survey.put("period", year(currentYear - 1));
            survey.put("category", "ORGANIZATIONAL");
            survey.put("guardsDomains", List.of());
            survey.put("missTriggers", "NONE");
            survey.put("description", "Share of families answering the spring family survey, reported by the school "
                    + "after the school year");
            benchmarks.add(survey);
            Map<String, Object> terms = new LinkedHashMap<>();
            terms.put("interventionSteps", List.of(
                    Map.of("level", "NOTICE_OF_CONCERN", "dueInDays", 30, "reviewInDays", 14),
                    Map.of("level", "CORRECTIVE_ACTION_PLAN", "dueInDays", 90, "reviewInDays", 45),
                    Map.of("level", "PROBATION", "dueInDays", 180, "reviewInDays", 90)));
            terms.put("overdueStep", "FLAG");
            terms.put("missingDataGraceDays", grace);
            terms.put("missingDataCountsAsMiss", true);
            gw.post(oversight, "/api/contracts/" + id + "/amendments", Map.of("reason", "The board adopts the "
                    + "accountability clock: dates for intervention steps, data due after each school year",
                    "benchmarks", benchmarks, "accountability", terms), 201);
            c = gw.get(oversight, "/api/contracts/" + id);
        }
        if (!c.has("interventionDueDate") && c.path("interventionLevel").asText().equals("NONE")) {
            gw.call(oversight, "PUT", "/api/contracts/" + id + "/intervention", "application/json",
                    Gateway.bytes(Map.of("level", "NOTICE_OF_CONCERN", "reason", "Notice of concern: the annual financial "
                            + "audit was filed late; a corrective plan is due within 30 days",
                            "effectiveDate", today.minusDays(45).toString())), Set.of(200));
        }
        gw.post(admin, "/api/contracts/clock/runs", null, 200);
        waitFor("the accountability clock's findings at " + District.CLOCK_SCHOOL, () -> {
            JsonNode card = gw.get(oversight, "/api/contracts/" + id + "/scorecard");
            boolean overdue = card.path("intervention").path("overdue").asBoolean();
            boolean missing = false;
            for (JsonNode b : card.path("benchmarks")) {
                missing |= b.path("metricCode").asText().equals(SURVEY_METRIC) && b.path("status").asText().equals("MISSING_DATA");
            }
            clockNote = District.CLOCK_SCHOOL + " " + card.path("intervention").path("level").asText()
                    + (overdue ? " step overdue" : "") + (missing ? "; " + SURVEY_METRIC + " " + year(currentYear - 1)
                    + " MISSING_DATA" : "");
            return missing && (overdue || !hasDueDate(card));
        });
        step("accountability clock: " + clockNote);
    }

    /** The step is ours to show overdue only if the demo set it (a school already in intervention keeps its own). */
    private static boolean hasDueDate(JsonNode card) {
        return card.path("intervention").has("dueDate");
    }

    static final String RECEIVER = "Riverton oversight dashboard (demo receiver)";

    /**
     * The oversight office subscribes a local receiver (./portfolio up --demo starts demo/WebhookReceiver.java and
     * passes its URL) to the events a dashboard wants; the signing secret goes to demo-webhook.secret (mode 600), which
     * the receiver checks every delivery with. Once: a second run finds the subscription.
     */
    private void webhookSubscription() throws IOException {
        String url = System.getenv("PORTFOLIO_DEMO_RECEIVER_URL");
        if (url == null || url.isBlank()) {
            notes.add("no webhook receiver (PORTFOLIO_DEMO_RECEIVER_URL unset): ./portfolio up --demo starts one");
            return;
        }
        Gateway.Client oversight = clients.get("OVERSIGHT");
        Path secretFile = home.resolve("demo-webhook.secret");
        for (var w : gw.all(oversight, "/api/webhooks")) {
            if (RECEIVER.equals(w.path("description").asText()) && url.equals(w.path("url").asText()) && Files.exists(secretFile)) {
                step("webhook subscription " + w.path("id").asText() + " → " + url + " (exists)");
                webhookId = w.path("id").asText();
                return;
            }
        }
        step("webhook subscription → " + url);
        var created = gw.post(oversight, "/api/webhooks", Map.of("url", url, "description", RECEIVER, "eventTypes", List.of(
                "portfolio.contracts.SchoolRegistered.v1", "portfolio.contracts.SchoolStatusChanged.v1",
                "portfolio.contracts.InterventionEscalated.v1", "portfolio.autonomy.AutonomyGranted.v1",
                "portfolio.autonomy.AutonomyRevoked.v1", "portfolio.performance.SchoolRatingPublished.v1",
                "portfolio.enrollment.DemandReported.v1")), 201);
        Path tmp = Files.createTempFile(home, "demo-webhook", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, created.path("secret").asText());
        Files.move(tmp, secretFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        webhookId = created.path("id").asText();
    }

    private String webhookId;

    private void oversightBodies() {
        Map<String, String> existing = new HashMap<>();
        gw.all(admin, "/api/oversight-bodies").forEach(b -> existing.put(b.path("name").asText(), b.path("id").asText()));
        for (String[] b : new String[][]{{District.BOARD, "SCHOOL_BOARD", "board@riverton.example"},
                {District.COMMISSION, "CHARTER_AUTHORIZER", "charters@riverton.example"}}) {
            String id = existing.get(b[0]);
            if (id == null) {
                id = gw.post(admin, "/api/oversight-bodies", Map.of("name", b[0], "kind", b[1], "contactEmail", b[2]), 201)
                        .path("id").asText();
            }
            bodies.put(b[0], id);
        }
        step("oversight bodies: " + String.join(", ", bodies.keySet()));
    }

    // ---------------------------------------------------------------------------------------------- API clients

    private Path clientsFile() {
        return home.resolve("demo-clients.json");
    }

    /**
     * The demo's API client for a role: the one saved by an earlier run when its secret still works, else the one
     * registered under that name (its secret rotated, since secrets are shown only once), else a new one.
     */
    private void client(String role, String name, Set<String> roles, Set<String> schools) throws IOException {
        client(role, name, roles, schools, Set.of());
    }

    /**
     * Registers (or finds, and brings up to date) the demo's client {@code key} with these roles, schools and
     * oversight bodies (an authorizer's OVERSIGHT client names its bodies).
     */
    private void client(String key, String name, Set<String> roles, Set<String> schools, Set<String> bodies) throws IOException {
        String role = key;
        Map<String, Object> registration = new LinkedHashMap<>();
        registration.put("name", name);
        registration.put("roles", roles);
        registration.put("schools", schools);
        if (!bodies.isEmpty()) {
            registration.put("oversightBodies", bodies);
        }
        JsonNode saved = Files.isReadable(clientsFile()) ? Gateway.JSON.readTree(clientsFile().toFile()).path(role) : null;
        Gateway.Client c = null;
        if (saved != null && saved.hasNonNull("clientId")) {
            c = new Gateway.Client(name, saved.path("clientId").asText(), saved.path("clientSecret").asText());
            if (gw.tryToken(c) == null) {
                c = null;
            }
        }
        JsonNode registered = null;
        for (JsonNode r : gw.all(admin, "/api/admin/clients?role=" + roles.iterator().next())) {
            if (r.path("name").asText().equals(name) || (c != null && r.path("clientId").asText().equals(c.id))) {
                registered = r;
                break;
            }
        }
        if (registered == null) {
            JsonNode created = gw.post(admin, "/api/admin/clients", registration, 201);
            c = new Gateway.Client(name, created.path("clientId").asText(), created.path("clientSecret").asText());
        } else {
            String id = registered.path("clientId").asText();
            Set<String> have = new LinkedHashSet<>();
            registered.path("schools").forEach(s -> have.add(s.asText()));
            Set<String> haveBodies = new LinkedHashSet<>();
            registered.path("oversightBodies").forEach(s -> haveBodies.add(s.asText()));
            if (!have.equals(schools) || !haveBodies.equals(bodies)) {
                Gateway.Answer cur = gw.call(admin, "GET", "/api/admin/clients/" + id, null, null, Set.of(200));
                String etag = cur.raw().headers().firstValue("ETag").orElse(null);
                putWithIfMatch("/api/admin/clients/" + id, etag, registration);
                c = null; // the token's schools claim changed: a fresh token
            }
            if (!registered.path("enabled").asBoolean(true)) {
                gw.post(admin, "/api/admin/clients/" + id + "/enable", Map.of(), 200, 204);
            }
            if (c == null) {
                String secret = saved != null && id.equals(saved.path("clientId").asText()) ? saved.path("clientSecret").asText() : null;
                c = new Gateway.Client(name, id, secret == null ? "" : secret);
                if (secret == null || gw.tryToken(c) == null) {
                    JsonNode rotated = gw.post(admin, "/api/admin/clients/" + id + "/secret", Map.of(), 200, 201);
                    c = new Gateway.Client(name, id, rotated.path("clientSecret").asText());
                    notes.add("the secret of " + id + " (" + role + ") was rotated: the saved one was missing or refused");
                }
            }
        }
        clients.put(role, c);
    }

    private void putWithIfMatch(String path, String etag, Object body) {
        gw.call(admin, "PUT", path, "application/json", Gateway.bytes(body), Set.of(200), etag);
    }

    private void saveClients() throws IOException {
        ObjectNode root = Gateway.JSON.createObjectNode();
        root.put("gateway", gw.base.toString());
        clients.forEach((role, c) -> root.putObject(role).put("name", c.label).put("clientId", c.id).put("clientSecret", c.secret));
        Files.createDirectories(home);
        Path tmp = Files.createTempFile(home, "demo-clients", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(tmp, Gateway.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        Files.move(tmp, clientsFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.setPosixFilePermissions(clientsFile(), PosixFilePermissions.fromString("rw-------"));
    }

    // ---------------------------------------------------------------------------------------------- schools

    private void schools() {
        Gateway.Client oversight = clients.get("OVERSIGHT");
        Map<String, JsonNode> existing = new HashMap<>();
        gw.all(oversight, "/api/schools").forEach(s -> existing.put(s.path("districtCode").asText(), s));
        int created = 0;
        int opened = 0;
        for (School s : District.SCHOOLS) {
            JsonNode school = existing.get(s.code());
            if (school == null) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("districtCode", s.code());
                body.put("name", s.name());
                body.put("type", s.type());
                body.put("grades", s.grades());
                body.put("address", (100 + Math.floorMod(s.code().hashCode(), 800)) + " " + s.zone().charAt(0)
                        + s.zone().substring(1).toLowerCase(Locale.ROOT) + " Avenue, Riverton");
                body.put("zone", s.zone());
                body.put("oversightBodyId", bodies.get(s.oversightBody()));
                school = gw.post(oversight, "/api/schools", body, 201);
                created++;
            }
            String id = school.path("id").asText();
            schoolIds.put(s.code(), id);
            if (school.path("status").asText().equals("PROPOSED")) {
                gw.post(oversight, "/api/schools/" + id + "/decisions", Map.of("decision", "OPEN",
                        "reason", "Approved by the " + s.oversightBody() + " for the demo district"), 201);
                opened++;
            }
        }
        step("schools: " + District.SCHOOLS.size() + " (" + created + " registered, " + opened + " opened now)");
    }

    /** Every service learns the schools from contracts-service's events: wait until they all know them as OPEN. */
    private void waitForSchoolsEverywhere() {
        Set<String> ids = new LinkedHashSet<>(schoolIds.values());
        waitFor("performance-service and enrollment-service to learn the " + ids.size() + " schools", () -> {
            Set<String> perf = new LinkedHashSet<>();
            // performance-service documents its school list as public; the gateway asks a token for it (any role)
            JsonNode p = gw.get(clients.get("OVERSIGHT"), "/api/performance/schools");
            p.forEach(s -> perf.add(s.path("schoolId").asText()));
            Set<String> enr = new LinkedHashSet<>();
            gw.get(null, "/api/enrollment/schools").forEach(s -> {
                if (s.path("status").asText().equals("OPEN")) {
                    enr.add(s.path("schoolId").asText());
                }
            });
            return perf.containsAll(ids) && enr.containsAll(ids);
        });
        waitFor("autonomy-service to learn the schools", () -> {
            for (String id : ids) {
                if (gw.call(null, "GET", "/api/autonomy/schools/" + id + "/decision-rights", null, null, Set.of(200, 404)).status() != 200) {
                    return false;
                }
            }
            return true;
        });
    }

    // ---------------------------------------------------------------------------------------------- framework

    /** A published framework for both demo years: the shipped one, and a new version of it for a year without one. */
    private void frameworks() {
        List<String> done = new ArrayList<>();
        for (int start : new int[]{currentYear, currentYear - 1}) {
            String y = year(start);
            List<JsonNode> published = gw.all(admin, "/api/performance/frameworks?status=PUBLISHED&schoolYear=" + y);
            if (!published.isEmpty()) {
                done.add(y + " v" + published.get(0).path("version").asInt() + " (" + published.get(0).path("name").asText() + ")");
                continue;
            }
            List<JsonNode> drafts = gw.all(admin, "/api/performance/frameworks?status=DRAFT&schoolYear=" + y);
            String draftId;
            if (!drafts.isEmpty()) {
                draftId = drafts.get(0).path("id").asText();
            } else {
                List<JsonNode> any = gw.all(admin, "/api/performance/frameworks?status=PUBLISHED");
                if (any.isEmpty()) {
                    throw new IllegalStateException("no published performance framework to start from (the shipped default is missing)");
                }
                draftId = gw.post(admin, "/api/performance/frameworks/" + any.get(0).path("id").asText() + "/new-version",
                        Map.of("schoolYear", y), 201).path("id").asText();
            }
            named(draftId, y);
            gw.post(admin, "/api/performance/frameworks/" + draftId + "/publish", null, 200);
            done.add(y + " (published now)");
        }
        step("performance frameworks: " + String.join("; ", done));
    }

    /** A copy made for another year keeps the original's name: give the draft its own year's name before publishing. */
    private void named(String draftId, String y) {
        Gateway.Answer cur = gw.call(admin, "GET", "/api/performance/frameworks/" + draftId, null, null, Set.of(200));
        JsonNode f = cur.json();
        String name = f.path("name").asText().replaceAll("\\d{4}-\\d{2}", y);
        if (name.equals(f.path("name").asText())) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        for (String field : List.of("schoolYear", "name", "description", "minimumN", "proficientLevel", "minimumCoveragePercent",
                "categories", "metrics", "tiers")) {
            if (f.hasNonNull(field)) {
                body.put(field, f.get(field));
            }
        }
        body.put("name", name);
        gw.call(admin, "PUT", "/api/performance/frameworks/" + draftId, "application/json", Gateway.bytes(body), Set.of(200),
                cur.raw().headers().firstValue("ETag").orElse(null));
    }

    // ---------------------------------------------------------------------------------------------- contracts

    private List<Map<String, Object>> provisions(School s) {
        Map<String, List<String>> decisions = Map.of(
                "PEOPLE", List.of("HIRE_TEACHERS", "DISMISS_STAFF", "SET_STAFFING_MODEL"),
                "TIME", List.of("SET_SCHOOL_CALENDAR", "SET_BELL_SCHEDULE", "EXTEND_SCHOOL_DAY"),
                "MONEY", List.of("ALLOCATE_BUDGET", "CHOOSE_VENDORS"),
                "PROGRAM", List.of("CHOOSE_CURRICULUM", "CHOOSE_ASSESSMENTS", "PLAN_PROFESSIONAL_DEVELOPMENT"));
        Map<String, String> scope = Map.of(
                "PEOPLE", "Hiring, dismissal and staffing model outside central placement",
                "TIME", "School calendar, bell schedule and extended day",
                "MONEY", "Budget allocation and purchasing outside central contracts",
                "PROGRAM", "Curriculum, interim assessments and professional development");
        List<Map<String, Object>> out = new ArrayList<>();
        s.provisions().forEach((domain, model) -> {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("domain", domain);
            p.put("model", model);
            p.put("scope", scope.get(domain));
            p.put("decisions", decisions.get(domain));
            if (model.equals("EARNED")) {
                p.put("eligibility", Map.of("minimumTier", "MEETS", "consecutiveYears", 2));
            }
            out.add(p);
        });
        return out;
    }

    private void contracts() {
        Gateway.Client oversight = clients.get("OVERSIGHT");
        Map<String, List<JsonNode>> bySchool = new HashMap<>();
        for (JsonNode c : gw.all(oversight, "/api/contracts")) {
            bySchool.computeIfAbsent(c.path("schoolId").asText(), k -> new ArrayList<>()).add(c);
        }
        int drafted = 0;
        int activated = 0;
        for (School s : District.SCHOOLS) {
            if (!s.hasContract()) {
                continue;
            }
            String schoolId = schoolIds.get(s.code());
            List<JsonNode> mine = bySchool.getOrDefault(schoolId, List.of());
            JsonNode active = mine.stream().filter(c -> c.path("status").asText().equals("ACTIVE")).findFirst().orElse(null);
            if (active != null) {
                contractIds.put(s.code(), active.path("id").asText());
                continue;
            }
            JsonNode draft = mine.stream().filter(c -> c.path("status").asText().equals("DRAFT")).findFirst().orElse(null);
            String id;
            if (draft != null) {
                id = draft.path("id").asText();
            } else {
                List<Map<String, Object>> benchmarks = new ArrayList<>();
                for (District.Benchmark b : District.BENCHMARKS) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("metricCode", b.metric());
                    m.put("comparator", b.comparator());
                    m.put("target", b.target());
                    m.put("period", year(currentYear));
                    m.put("category", b.category());
                    m.put("guardsDomains", List.of(b.guards()));
                    m.put("missTriggers", b.missTriggers());
                    // the corrected school's contract reinstates PROGRAM on a MET of ELA (the correction story)
                    m.put("reinstateOnMet", b.reinstateOnMet() || (s.code().equals(District.CORRECTED_SCHOOL)
                            && b.metric().equals("ELA_PROFICIENCY")));
                    m.put("description", b.description());
                    benchmarks.add(m);
                }
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("schoolId", schoolId);
                body.put("oversightBodyId", bodies.get(s.oversightBody()));
                body.put("term", Map.of("startYear", year(currentYear - 1), "endYear", year(currentYear + 3)));
                body.put("provisions", provisions(s));
                body.put("benchmarks", benchmarks);
                id = gw.post(oversight, "/api/contracts", body, 201).path("id").asText();
                drafted++;
            }
            gw.post(oversight, "/api/contracts/" + id + "/activation",
                    Map.of("reason", "Performance contract approved by the " + s.oversightBody()), 200);
            activated++;
            contractIds.put(s.code(), id);
        }
        step("contracts: " + contractIds.size() + " ACTIVE (" + drafted + " drafted, " + activated + " activated now), "
                + "term " + year(currentYear - 1) + " to " + year(currentYear + 3) + ", benchmarks for " + year(currentYear));
    }

    /** Wait until autonomy-service has granted what the activations grant, before any benchmark can be missed. */
    private void waitForContractGrants() {
        Gateway.Client oversight = clients.get("OVERSIGHT");
        waitFor("autonomy-service to apply the " + contractIds.size() + " contract activations", () -> {
            Set<String> contracts = new LinkedHashSet<>();
            gw.all(oversight, "/api/autonomy/grants").forEach(g -> contracts.add(g.path("contractId").asText()));
            return contracts.containsAll(contractIds.values());
        });
    }

    // ---------------------------------------------------------------------------------------------- SIS data

    private void sisData(boolean corrected) {
        Gateway.Client sis = clients.get("SIS");
        int prev = currentYear - 1;
        int students = 0;
        StringBuilder metricsCsv = new StringBuilder("schoolId,schoolYear,metricCode,value,n\n");
        StringBuilder attendanceCsv = new StringBuilder("schoolId,schoolYear,studentId,gradeLevel,daysEnrolled,daysAbsent\n");
        StringBuilder assessmentsCsv = new StringBuilder(
                "schoolId,schoolYear,studentId,subject,testCode,gradeLevel,performanceLevel,scaleScore,growthPercentile\n");
        List<Map<String, Object>> metricsJson = new ArrayList<>();
        List<Map<String, Object>> attendanceJson = new ArrayList<>();
        List<Map<String, Object>> assessmentsJson = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (School s : District.SCHOOLS) {
            String id = schoolIds.get(s.code());
            // the previous year as CSV
            for (Object[] m : schoolMetrics(s, s.previous())) {
                metricsCsv.append(id).append(',').append(year(prev)).append(',').append(m[0]).append(',').append(m[1]).append(',')
                        .append(m[2] == null ? "" : m[2]).append('\n');
            }
            for (Student st : District.students(s, prev, s.previous())) {
                ids.add(st.id());
                attendanceCsv.append(String.join(",", id, year(prev), st.id(), st.grade(), num(st.daysEnrolled()), num(st.daysAbsent()))).append('\n');
                assessmentsCsv.append(String.join(",", id, year(prev), st.id(), "ELA", "RSA-ELA", st.grade(), Integer.toString(st.ela()),
                        Integer.toString(scale(st.ela())), st.elaGrowth() == null ? "" : st.elaGrowth().toString())).append('\n');
                assessmentsCsv.append(String.join(",", id, year(prev), st.id(), "MATH", "RSA-MATH", st.grade(), Integer.toString(st.math()),
                        Integer.toString(scale(st.math())), st.mathGrowth() == null ? "" : st.mathGrowth().toString())).append('\n');
            }
            // the current year as JSON
            for (Object[] m : schoolMetrics(s, s.current())) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("schoolId", id);
                row.put("schoolYear", year(currentYear));
                row.put("metricCode", m[0]);
                row.put("value", m[1]);
                if (m[2] != null) {
                    row.put("n", m[2]);
                }
                metricsJson.add(row);
            }
            // the integrity school's SIS states participation, and a few students did not take the MATH test
            boolean statesParticipation = s.code().equals(District.INTEGRITY_SCHOOL);
            List<Student> current = District.students(s, currentYear, s.current());
            if (statesParticipation) {
                int notTested = current.size() / 10 + 1; // about 91 % participation: below the framework's 95 %
                for (int i = 0; i < notTested; i++) {
                    Student st = current.get(i);
                    ids.add(st.id() + "-NT");
                    assessmentsJson.add(row("schoolId", id, "schoolYear", year(currentYear), "studentId", st.id() + "-NT",
                            "subject", "MATH", "testCode", "RSA-MATH", "gradeLevel", st.grade(), "participation", "NOT_TESTED"));
                }
            }
            String participation = statesParticipation ? "TESTED" : null;
            for (Student st : current) {
                ids.add(st.id());
                attendanceJson.add(row("schoolId", id, "schoolYear", year(currentYear), "studentId", st.id(), "gradeLevel", st.grade(),
                        "daysEnrolled", st.daysEnrolled(), "daysAbsent", st.daysAbsent()));
                int ela = !corrected && misScored(s, st) ? 2 : st.ela();
                assessmentsJson.add(row("schoolId", id, "schoolYear", year(currentYear), "studentId", st.id(), "subject", "ELA",
                        "testCode", "RSA-ELA", "gradeLevel", st.grade(), "performanceLevel", ela, "scaleScore", scale(ela),
                        "growthPercentile", st.elaGrowth(), "participation", participation));
                assessmentsJson.add(row("schoolId", id, "schoolYear", year(currentYear), "studentId", st.id(), "subject", "MATH",
                        "testCode", "RSA-MATH", "gradeLevel", st.grade(), "performanceLevel", st.math(), "scaleScore", scale(st.math()),
                        "growthPercentile", st.mathGrowth(), "participation", participation));
            }
        }
        students = ids.size();
        List<String> jobs = new ArrayList<>();
        jobs.add(upload(sis, "school-metrics", "text/csv", metricsCsv.toString().getBytes(StandardCharsets.UTF_8)));
        jobs.add(upload(sis, "attendance", "text/csv", attendanceCsv.toString().getBytes(StandardCharsets.UTF_8)));
        jobs.add(upload(sis, "assessments", "text/csv", assessmentsCsv.toString().getBytes(StandardCharsets.UTF_8)));
        jobs.add(upload(sis, "school-metrics", "application/json", Gateway.bytes(metricsJson)));
        jobs.add(upload(sis, "attendance", "application/json", Gateway.bytes(attendanceJson)));
        jobs.add(upload(sis, "assessments", "application/json", Gateway.bytes(assessmentsJson)));
        step("SIS data: " + students + " synthetic students, " + year(prev) + " as CSV and " + year(currentYear) + " as JSON");
        jobs.forEach(j -> step("  " + j));
    }

    /** A result of the corrected school's mis-scored batch: a proficient grade 5 ELA result, first sent as level 2. */
    private static boolean misScored(School s, Student st) {
        return s.code().equals(District.CORRECTED_SCHOOL) && st.grade().equals(District.CORRECTED_GRADE) && st.ela() >= 3;
    }

    // ---------------------------------------------------------------------------------------------- correction

    private String correctionId;

    /** Has the SIS already corrected the mis-scored batch (a previous run)? Then this run posts the right levels. */
    private boolean correctionDone() {
        String id = schoolIds.get(District.CORRECTED_SCHOOL);
        List<JsonNode> done = gw.all(admin, "/api/performance/corrections?schoolId=" + id);
        if (!done.isEmpty()) {
            correctionId = done.get(0).path("correctionId").asText();
        }
        return !done.isEmpty();
    }

    /**
     * The correction story: the mis-scored batch revoked the school's PROGRAM autonomy (ELA below 35 %); the SIS corrects
     * the results by natural key with a reason, performance recomputes ELA proficiency (MetricResultRecorded naming the
     * correction), contracts re-evaluates the benchmark (MET, trigger CORRECTION) and autonomy reinstates PROGRAM, each
     * history naming the correction.
     */
    private void correction(boolean alreadyDone) {
        School s = District.byCode(District.CORRECTED_SCHOOL);
        String id = schoolIds.get(s.code());
        Gateway.Client oversight = clients.get("OVERSIGHT");
        if (alreadyDone) {
            step("correction " + correctionId + " of " + s.code() + "'s grade " + District.CORRECTED_GRADE + " ELA results (exists)");
            return;
        }
        waitFor(s.code() + "'s PROGRAM autonomy revoked by the mis-scored batch", () -> programStatus(oversight, id).equals("REVOKED"));
        List<Map<String, Object>> items = new ArrayList<>();
        for (Student st : District.students(s, currentYear, s.current())) {
            if (misScored(s, st)) {
                items.add(row("schoolId", id, "schoolYear", year(currentYear), "studentId", st.id(), "subject", "ELA",
                        "testCode", "RSA-ELA", "action", "CORRECT", "gradeLevel", st.grade(), "performanceLevel", st.ela(),
                        "scaleScore", scale(st.ela()), "growthPercentile", st.elaGrowth()));
            }
        }
        JsonNode c = gw.post(clients.get("SIS"), "/api/performance/corrections/assessments",
                Map.of("reasonCode", District.CORRECTION_CODE, "note", District.CORRECTION_NOTE, "items", items), 201);
        correctionId = c.path("correctionId").asText();
        waitFor(s.code() + "'s PROGRAM autonomy reinstated by the correction", () -> programStatus(oversight, id).equals("ACTIVE"));
        step("correction " + correctionId + " of " + items.size() + " grade " + District.CORRECTED_GRADE + " ELA results of "
                + s.code() + ": ELA proficiency recomputed, benchmark MET, PROGRAM reinstated");
    }

    private String programStatus(Gateway.Client oversight, String schoolId) {
        for (JsonNode g : gw.all(oversight, "/api/autonomy/grants?schoolId=" + schoolId)) {
            if (g.path("domain").asText().equals("PROGRAM") && g.path("model").asText().equals("FULL_WITH_EXPECTATIONS")) {
                return g.path("status").asText();
            }
        }
        return "NONE";
    }

    private static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                m.put((String) kv[i], kv[i + 1]);
            }
        }
        return m;
    }

    private static String num(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static int scale(int level) {
        return 2300 + level * 120;
    }

    /** School-level values the SIS posts: metric, value, n (null: not about students). */
    private static List<Object[]> schoolMetrics(School s, Year y) {
        List<Object[]> out = new ArrayList<>();
        out.add(new Object[]{"TEACHER_VACANCIES", y.vacancies(), null});
        out.add(new Object[]{"DAYS_CASH_ON_HAND", y.daysCash(), null});
        out.add(new Object[]{"ENROLLMENT_VS_PROJECTION", y.enrollmentVsProjection(), null});
        if (s.highSchool()) {
            // the arts school's first graduating class is small: its rate is suppressed in public views
            int n = s.code().equals(District.SMALL_COHORT_SCHOOL) && y == s.current() ? 8 : District.cohortSize(s) * 4;
            out.add(new Object[]{"GRADUATION_RATE", y.graduationRate(), n});
        }
        return out;
    }

    private String upload(Gateway.Client sis, String kind, String type, byte[] body) {
        JsonNode job = gw.call(sis, "POST", "/api/performance/ingest/" + kind, type, body, Set.of(200, 201)).json();
        if (job.path("rowsRejected").asLong() > 0) {
            throw new IllegalStateException("the SIS upload " + kind + " (" + type + ") rejected " + job.path("rowsRejected").asLong()
                    + " rows: " + job.path("errors"));
        }
        return String.format(Locale.ROOT, "%-15s %-16s %6d rows: %d inserted, %d updated, %d unchanged; %d metric results, %d ratings changed",
                kind, type, job.path("rowsReceived").asLong(), job.path("rowsInserted").asLong(), job.path("rowsUpdated").asLong(),
                job.path("rowsUnchanged").asLong(), job.path("metricResultsChanged").asLong(), job.path("ratingsChanged").asLong());
    }

    // ---------------------------------------------------------------------------------------------- autonomy request

    private void programmaticRequest() {
        Gateway.Client leader = clients.get("SCHOOL_LEADER");
        String schoolId = schoolIds.get(District.LEADER_SCHOOL);
        String title = "Project-based learning curriculum and assessments, grades 6-8";
        JsonNode request = null;
        for (JsonNode r : gw.all(leader, "/api/autonomy/requests?schoolId=" + schoolId)) {
            if (r.path("title").asText().equals(title)) {
                request = r;
            }
        }
        if (request == null) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("schoolId", schoolId);
            body.put("domain", "PROGRAM");
            body.put("decisions", List.of("CHOOSE_CURRICULUM", "CHOOSE_ASSESSMENTS"));
            body.put("title", title);
            body.put("justification", "Our middle grades will move to an interdisciplinary, project-based curriculum (EL Education "
                    + "expeditions) with portfolio defenses twice a year. The district's adopted curriculum and interim tests do not "
                    + "fit the schedule; we ask to choose both, and report results to the board each semester.");
            body.put("expectedOutcomes", List.of("ELA proficiency in grades 6-8 up 5 points within two years",
                    "Chronic absenteeism in grades 6-8 below 8%", "Every 8th grader presents a portfolio defense"));
            body.put("startDate", LocalDate.of(currentYear + 1, 7, 1).toString());
            body.put("endDate", LocalDate.of(currentYear + 3, 6, 30).toString());
            request = gw.post(leader, "/api/autonomy/requests", body, 201);
        }
        requestId = request.path("id").asText();
        requestStatus = request.path("status").asText();
        if (requestStatus.equals("SUBMITTED")) {
            requestStatus = gw.post(clients.get("OVERSIGHT"), "/api/autonomy/requests/" + requestId + "/review",
                    Map.of("note", "Assigned to the academic review committee"), 200).path("status").asText();
        }
        step("programmatic request " + requestId + " by the leader of " + District.LEADER_SCHOOL + ": " + requestStatus);
    }

    // ---------------------------------------------------------------------------------------------- enrollment

    private void enrollment() {
        Gateway.Client officer = clients.get("ENROLLMENT_OFFICER");
        String name = "Riverton unified enrollment " + year(currentYear + 1) + " (demo)";
        JsonNode period = null;
        for (JsonNode p : gw.all(officer, "/api/enrollment/periods")) {
            if (p.path("name").asText().equals(name) && p.path("round").asInt() == 1) {
                period = p;
            }
        }
        if (period == null) {
            Instant open = Instant.now().truncatedTo(ChronoUnit.DAYS);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.put("schoolYear", year(currentYear + 1));
            body.put("maxChoices", 3);
            body.put("applicationsOpenAt", open.toString());
            body.put("applicationsCloseAt", open.plus(60, ChronoUnit.DAYS).toString());
            body.put("offerDeadline", open.plus(120, ChronoUnit.DAYS).toString());
            body.put("waitlistResponseHours", 72);
            period = gw.post(officer, "/api/enrollment/periods", body, 201);
        }
        periodId = period.path("id").asText();
        periodStatus = period.path("status").asText();
        Set<String> taking = new LinkedHashSet<>();
        gw.get(null, "/api/enrollment/schools").forEach(s -> {
            if (s.path("takesPart").asBoolean()) {
                taking.add(s.path("schoolId").asText());
            }
        });
        Map<String, List<School>> byGrade = new TreeMap<>();
        Map<String, String> programIds = new HashMap<>();
        List<JsonNode> existing = gw.all(officer, "/api/enrollment/periods/" + periodId + "/programs");
        existing.forEach(p -> programIds.put(p.path("schoolId").asText() + "/" + p.path("grade").asText(), p.path("id").asText()));
        for (School s : District.SCHOOLS) {
            String schoolId = schoolIds.get(s.code());
            if (!taking.contains(schoolId)) {
                continue;
            }
            for (String grade : s.entryGrades()) {
                String key = schoolId + "/" + grade;
                if (!programIds.containsKey(key)) {
                    if (!periodStatus.equals("DRAFT") && !periodStatus.equals("OPEN")) {
                        continue;
                    }
                    List<String> order = switch (s.type()) {
                        case "DISTRICT" -> List.of("CONTINUING", "SIBLING", "ZONE", "GENERAL");
                        case "MAGNET" -> List.of("SIBLING", "STAFF", "GENERAL");
                        default -> List.of("CONTINUING", "SIBLING", "STAFF", "GENERAL");
                    };
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("schoolId", schoolId);
                    body.put("grade", grade);
                    body.put("name", grade.equals("K") ? "Kindergarten" : "Grade " + grade);
                    // fewer seats at the schools families want most: waitlists and explanations to look at
                    body.put("seats", (grade.equals("K") ? 16 : 18) + Math.floorMod(s.code().hashCode(), 4) * 4);
                    body.put("priorityOrder", order);
                    body.put("setAsides", s.type().equals("CHARTER") || s.type().equals("MAGNET")
                            ? List.of(Map.of("group", "FRL", "sharePercent", 30)) : List.of());
                    body.put("eligibleZones", List.of());
                    programIds.put(key, gw.post(officer, "/api/enrollment/periods/" + periodId + "/programs", body, 201).path("id").asText());
                }
                byGrade.computeIfAbsent(grade, g -> new ArrayList<>()).add(s);
            }
        }
        programs = programIds.size();
        if (periodStatus.equals("DRAFT")) {
            periodStatus = gw.post(officer, "/api/enrollment/periods/" + periodId + "/open", null, 200).path("status").asText();
        }
        List<Applicant> list = District.applicants(currentYear + 1, byGrade);
        applicants = list.size();
        if (!periodStatus.equals("OPEN")) {
            notes.add("the enrollment period is " + periodStatus + " (someone ran the round): its applications were left as they are");
            step("enrollment: period " + periodId + " is " + periodStatus + "; applications left as they are");
            return;
        }
        long imported = gw.get(officer, "/api/enrollment/periods/" + periodId + "/applications?size=1").path("total").asLong();
        if (imported > 0) {
            // a run before this one imported them: what happened since (a school that left enrollment, a withdrawal, a
            // family's changed choices) stays; importing again would undo it or be refused (a choice at a school that
            // no longer takes part is a 422, upgrade check of the seventeenth pass, U9)
            step("enrollment: period " + periodId + " " + periodStatus + ", " + programs + " programs, " + imported
                    + " applications already imported: left as they are");
            applicants = (int) imported;
            return;
        }
        StringBuilder ndjson = new StringBuilder();
        for (Applicant a : list) {
            Map<String, Object> applicant = new LinkedHashMap<>();
            applicant.put("externalRef", a.externalRef());
            applicant.put("firstName", a.firstName());
            applicant.put("lastName", a.lastName());
            applicant.put("birthDate", a.birthDate());
            applicant.put("grade", a.grade());
            applicant.put("homeZone", a.homeZone());
            applicant.put("siblingSchoolIds", a.sibling() == null ? List.of() : List.of(schoolIds.get(a.sibling().code())));
            applicant.put("staffSchoolIds", List.of());
            applicant.put("flags", a.flags());
            List<String> choices = a.choices().stream().map(s -> programIds.get(schoolIds.get(s.code()) + "/" + a.grade())).toList();
            ndjson.append(new String(Gateway.bytes(Map.of("applicant", applicant, "choices", choices)), StandardCharsets.UTF_8)).append('\n');
        }
        gw.call(officer, "POST", "/api/enrollment/periods/" + periodId + "/application-imports", "application/x-ndjson",
                ndjson.toString().getBytes(StandardCharsets.UTF_8), Set.of(200));
        step("enrollment: period " + periodId + " " + periodStatus + ", " + programs + " programs, " + applicants + " applicants");
    }

    // ---------------------------------------------------------------------------------------------- outcomes

    private final Map<String, Integer> ratings = new TreeMap<>();
    private final Map<String, Integer> tiers = new TreeMap<>();
    private final List<String> revoked = new ArrayList<>();
    private final List<String> earned = new ArrayList<>();

    /** What the data must cause, computed from the plan: the revocations and EARNED grants to wait for. */
    private void waitForOutcomes() {
        Gateway.Client oversight = clients.get("OVERSIGHT");
        Set<String> expectRevoked = new LinkedHashSet<>();
        Set<String> expectEarned = new LinkedHashSet<>();
        for (School s : District.SCHOOLS) {
            if (!s.hasContract()) {
                continue;
            }
            Map<String, String> prov = s.provisions();
            Set<String> missedDomains = new LinkedHashSet<>();
            List<Student> now = District.students(s, currentYear, s.current());
            for (District.Benchmark b : District.BENCHMARKS) {
                double actual = switch (b.metric()) {
                    case "ELA_PROFICIENCY" -> proficient(now, true);
                    case "MATH_PROFICIENCY" -> proficient(now, false);
                    default -> b.actual(s.current());
                };
                if (!b.met(actual)) {
                    missedDomains.add(b.guards());
                    if ("FULL_WITH_EXPECTATIONS".equals(prov.get(b.guards()))) {
                        expectRevoked.add(schoolIds.get(s.code()) + "/" + b.guards());
                    }
                }
            }
            if (s.profile() == District.Profile.STRONG) {
                prov.forEach((domain, model) -> {
                    if (model.equals("EARNED") && !missedDomains.contains(domain)) {
                        expectEarned.add(schoolIds.get(s.code()) + "/" + domain);
                    }
                });
            }
        }
        waitFor("the ratings, revocations and EARNED grants the data causes", () -> {
            Set<String> rev = new LinkedHashSet<>();
            Set<String> ear = new LinkedHashSet<>();
            revoked.clear();
            earned.clear();
            for (JsonNode g : gw.all(oversight, "/api/autonomy/grants")) {
                String key = g.path("schoolId").asText() + "/" + g.path("domain").asText();
                if (g.path("status").asText().equals("REVOKED")) {
                    rev.add(key);
                    revoked.add(code(g.path("schoolId").asText()) + " " + g.path("domain").asText());
                } else if (g.path("status").asText().equals("ACTIVE") && g.path("model").asText().equals("EARNED")) {
                    ear.add(key);
                    earned.add(code(g.path("schoolId").asText()) + " " + g.path("domain").asText());
                }
            }
            ratings.clear();
            tiers.clear();
            boolean bothYears = true;
            for (int start : new int[]{currentYear - 1, currentYear}) {
                List<JsonNode> rs = gw.all(oversight, "/api/performance/ratings?rated=true&schoolYear=" + year(start));
                long ours = rs.stream().filter(r -> schoolIds.containsValue(r.path("schoolId").asText())).count();
                ratings.put(year(start), (int) ours);
                rs.stream().filter(r -> schoolIds.containsValue(r.path("schoolId").asText()))
                        .forEach(r -> tiers.merge(year(start) + " " + r.path("tier").asText(), 1, Integer::sum));
                bothYears &= ours == District.SCHOOLS.size();
            }
            return bothYears && rev.containsAll(expectRevoked) && ear.containsAll(expectEarned);
        });
        String integritySchool = schoolIds.get(District.INTEGRITY_SCHOOL);
        waitFor("the integrity flag of " + District.INTEGRITY_SCHOOL, () -> {
            JsonNode flags = gw.call(oversight, "GET", "/api/performance/schools/" + integritySchool + "/profile", null,
                    null, Set.of(200)).json().path("integrityFlags");
            for (JsonNode f : flags) {
                if (f.path("rule").asText().equals("LOW_PARTICIPATION")) {
                    integrityFlag = f.path("id").asText();
                    integrityFlagStatus = f.path("status").asText();
                    integrityFlagReason = f.path("reason").asText();
                    return true;
                }
            }
            return false;
        });
    }

    private String integrityFlag;
    private String integrityFlagStatus;
    private String integrityFlagReason;

    private static double proficient(List<Student> students, boolean ela) {
        long p = students.stream().filter(s -> (ela ? s.ela() : s.math()) >= 3).count();
        return Math.round(1000.0 * p / students.size()) / 10.0;
    }

    private String code(String schoolId) {
        return schoolIds.entrySet().stream().filter(e -> e.getValue().equals(schoolId)).map(Map.Entry::getKey).findFirst().orElse(schoolId);
    }

    private void waitFor(String what, Supplier<Boolean> done) {
        long deadline = System.nanoTime() + WAIT_SECONDS * 1_000_000_000L;
        while (!done.get()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up after " + WAIT_SECONDS + " s waiting for " + what
                        + " (the events may be stuck: ./portfolio logs SERVICE)");
            }
            // a quarter of a second: the events behind a wait usually land within one or two (twenty-fifth pass: a
            // second per look made the demo's load, and the build's system tests, wait for nothing)
            Gateway.sleep(250);
        }
    }

    // ---------------------------------------------------------------------------------------------- summary

    private void summary(double seconds) throws IOException {
        String revokedSchool = schoolIds.get(District.REVOKED_SCHOOL);
        Map<String, String> exports = new LinkedHashMap<>();
        exports.put("GW", gw.base.toString());
        exports.put("SCHOOL_YEAR", year(currentYear));
        clients.forEach((role, c) -> {
            exports.put(role + "_ID", c.id);
            exports.put(role + "_SECRET", c.secret);
        });
        exports.put("REVOKED_SCHOOL", revokedSchool);
        exports.put("REVOKED_CONTRACT", contractIds.get(District.REVOKED_SCHOOL));
        exports.put("EARNED_SCHOOL", schoolIds.get(District.EARNED_SCHOOL));
        exports.put("LEADER_SCHOOL", schoolIds.get(District.LEADER_SCHOOL));
        exports.put("SMALL_SCHOOL", schoolIds.get(District.SMALL_COHORT_SCHOOL));
        exports.put("CLOCK_SCHOOL", schoolIds.get(District.CLOCK_SCHOOL));
        exports.put("CLOCK_CONTRACT", contractIds.get(District.CLOCK_SCHOOL));
        exports.put("REQUEST_ID", requestId);
        exports.put("INTEGRITY_SCHOOL", schoolIds.get(District.INTEGRITY_SCHOOL));
        exports.put("INTEGRITY_CONTRACT", contractIds.get(District.INTEGRITY_SCHOOL));
        exports.put("INTEGRITY_FLAG", integrityFlag);
        exports.put("CORRECTED_SCHOOL", schoolIds.get(District.CORRECTED_SCHOOL));
        exports.put("CORRECTED_CONTRACT", contractIds.get(District.CORRECTED_SCHOOL));
        exports.put("CORRECTION_ID", correctionId);
        exports.put("PERIOD_ID", periodId);
        if (webhookId != null) {
            exports.put("WEBHOOK_ID", webhookId);
        }
        StringBuilder env = new StringBuilder("# the demo district's API clients and ids: . this file, then follow README.md\n");
        exports.forEach((k, v) -> env.append("export ").append(k).append('=').append(v).append('\n'));
        Path envFile = home.resolve("demo.env");
        Path tmp = Files.createTempFile(home, "demo-env", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, env);
        Files.move(tmp, envFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        System.out.println();
        System.out.println("Demo district loaded in " + String.format(Locale.ROOT, "%.1f", seconds) + " s (" + gw.requests + " requests): "
                + District.NAME);
        System.out.println("  schools:      " + District.SCHOOLS.size() + " OPEN (DISTRICT, CHARTER, INNOVATION, CONTRACT, MAGNET), "
                + contractIds.size() + " with an ACTIVE contract");
        System.out.println("  ratings:      " + ratings + "  tiers " + tiers);
        System.out.println("  revoked:      " + revoked + " (benchmarks missed)");
        System.out.println("  earned:       " + earned + " (two years at MEETS or better)");
        System.out.println("  integrity:    " + District.INTEGRITY_SCHOOL + " LOW_PARTICIPATION MATH " + integrityFlagStatus
                + " (" + integrityFlagReason + "); its EARNED autonomy is untouched");
        System.out.println("  clock:        " + clockNote + " (GET /api/contracts/calendar)");
        System.out.println("  correction:   " + correctionId + " (" + District.CORRECTED_SCHOOL + ", grade "
                + District.CORRECTED_GRADE + " ELA re-scored: PROGRAM revoked, then reinstated)");
        System.out.println("  request:      " + requestId + " (" + District.LEADER_SCHOOL + ", PROGRAM) " + requestStatus);
        System.out.println("  enrollment:   " + periodId + " " + periodStatus + ", " + programs + " programs, " + applicants + " applicants");
        notes.forEach(n -> System.out.println("  note:         " + n));
        System.out.println("API clients (secrets shown here and kept in " + clientsFile() + " and " + envFile + ", mode 600):");
        clients.forEach((role, c) -> System.out.println(String.format(Locale.ROOT, "  %-19s %s  %s", role, c.id, c.secret)));
        System.out.println("For the README walkthrough (\"Try it: the demo district\"), run:  . " + envFile.toAbsolutePath()
                + "   or paste:");
        exports.forEach((k, v) -> System.out.println("export " + k + "=" + v));
    }
}
