package org.portfolio.system.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.portfolio.system.sweep.Sweep.Bound;
import org.portfolio.system.sweep.Sweep.Case;
import org.portfolio.system.sweep.Sweep.Expect;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The boundary values of the bad-input sweep, built from schemas alone (no stack). */
class SweepBoundsTest {

    private static JsonNode json(String text) throws Exception {
        return Sweep.JSON.readTree(text);
    }

    private static List<String> shown(List<Bound> bounds) {
        return bounds.stream().map(b -> b.kind() + " " + b.text() + " " + b.expect()).toList();
    }

    /**
     * Sixteenth pass (hostile review H1 of the fifteenth): the sweep runs on the real clock, and the request example's
     * end (2029-06-30) would be refused as past from 2029-07-01. Its dates move on by the school years since the examples
     * were written; the Ed-Fi sample's stay (a past school year, named by a number the move would leave behind).
     */
    @Test
    void theExamplesDatesMoveOnWithTheClockButTheEdFiSamplesStay() throws Exception {
        JsonNode doc = json("""
                {"openapi":"3.1.0","paths":{
                  "/api/requests":{"post":{"requestBody":{"content":{"application/json":{
                    "schema":{"type":"object","properties":{"endDate":{"type":"string","format":"date"},"schoolYear":{"type":"string"}}},
                    "example":{"endDate":"2029-06-30","schoolYear":"2026-27"}}}},"responses":{"201":{"description":"made"}}}},
                  "/edfi/data/v3/ed-fi/sessions":{"post":{"requestBody":{"content":{"application/json":{
                    "schema":{"type":"object","properties":{"beginDate":{"type":"string","format":"date"},"schoolYear":{"type":"integer"}}},
                    "example":{"beginDate":"2021-08-23","schoolYear":2022}}}},"responses":{"201":{"description":"made"}}}}}}""");
        Map<String, Sweep.Op> ops = new TreeMap<>();
        Sweep later = new Sweep(doc, Map.of(), java.time.LocalDate.of(2029, 7, 1));
        later.operations().forEach(o -> ops.put(o.template(), o));
        assertThat(later.body(ops.get("/api/requests")).base().toString()).isEqualTo("{\"endDate\":\"2032-06-30\",\"schoolYear\":\"2029-30\"}");
        assertThat(later.body(ops.get("/edfi/data/v3/ed-fi/sessions")).base().toString()).isEqualTo("{\"beginDate\":\"2021-08-23\",\"schoolYear\":2022}");
        Sweep now = new Sweep(doc, Map.of(), java.time.LocalDate.of(2026, 12, 6));
        assertThat(now.body(ops.get("/api/requests")).base().toString()).isEqualTo("{\"endDate\":\"2029-06-30\",\"schoolYear\":\"2026-27\"}");
    }

    /**
     * Fifteenth pass: a body's cases start from the document's example, its uuid fields made real by their names, an
     * upload's rows cut to one; the example itself is sent, and refused as invalid input it is a violation.
     */
    @Test
    void theBaseBodyIsTheDocumentsExampleWithRealIdsAndOneRow() throws Exception {
        JsonNode doc = json("""
                {"openapi":"3.1.0","paths":{
                  "/api/things":{"post":{"requestBody":{"required":true,"content":{"application/json":{
                    "schema":{"type":"object","required":["name"],"properties":{"name":{"type":"string"},
                      "schoolId":{"type":"string","format":"uuid"},"tags":{"type":"array","items":{"type":"string"}}}},
                    "examples":{"one":{"value":{"name":"Eastside","schoolId":"3f1c8a52-7c1e-4e0b-9a57-0c6f3f1f2b11","tags":["a"]}}}}}},
                    "responses":{"201":{"description":"made"}}}},
                  "/api/rows":{"post":{"requestBody":{"content":{"application/json":{
                    "schema":{"type":"array","items":{"type":"object","properties":{"v":{"type":"integer"}}}},
                    "example":[{"v":1},{"v":2},{"v":3}]}}},"responses":{"201":{"description":"made"}}}},
                  "/api/bare":{"post":{"requestBody":{"content":{"application/json":{
                    "schema":{"type":"object","required":["name"],"properties":{"name":{"type":"string"}}}}}},
                    "responses":{"201":{"description":"made"}}}}}}""");
        String real = "6f1c5d1e-3c1a-4a57-9a53-0d6f7b0b9c11";
        Sweep sweep = new Sweep(doc, new java.util.HashMap<>(Map.of("schools", real)));
        Map<String, Sweep.Op> ops = new TreeMap<>();
        sweep.operations().forEach(o -> ops.put(o.template(), o));
        Sweep.BodySpec things = sweep.body(ops.get("/api/things"));
        assertThat(things.example()).isTrue();
        assertThat(things.base().toString()).isEqualTo("{\"name\":\"Eastside\",\"schoolId\":\"" + real + "\",\"tags\":[\"a\"]}");
        assertThat(sweep.body(ops.get("/api/rows")).base().toString()).isEqualTo("[{\"v\":1}]");
        Sweep.BodySpec bare = sweep.body(ops.get("/api/bare"));
        assertThat(bare.example()).isFalse();
        assertThat(bare.base().has("name")).as("built from the schema's required fields").isTrue();
        List<Case> cases = sweep.cases(ops.get("/api/things"));
        Case example = cases.stream().filter(c -> c.name().equals(Sweep.EXAMPLE_CASE)).findFirst().orElseThrow();
        assertThat(new String(example.body(), java.nio.charset.StandardCharsets.UTF_8)).contains(real);
        assertThat(sweep.cases(ops.get("/api/bare"))).noneMatch(c -> c.name().equals(Sweep.EXAMPLE_CASE));
        // ids by another word (hostile review L1): a qualified name, an alias, a collection known by its template only
        Map<String, String> known = new java.util.HashMap<>(Map.of("schools", real,
                "/api/enrollment/periods/{periodId}/programs", "8a1c5d1e-3c1a-4a57-9a53-0d6f7b0b9c22"));
        Sweep byName = new Sweep(doc, known);
        assertThat(byName.idFor("siblingSchoolId")).contains(real);
        assertThat(byName.idFor("choice")).contains("8a1c5d1e-3c1a-4a57-9a53-0d6f7b0b9c22");
        assertThat(byName.idFor("programId")).contains("8a1c5d1e-3c1a-4a57-9a53-0d6f7b0b9c22");
        assertThat(byName.idFor("offerId")).isEmpty();

        Http.Answer refused = new Http.Answer(400, "application/problem+json", null,
                "{\"type\":\"urn:portfolio:problem:validation\",\"title\":\"t\",\"status\":400}", 5, Map.of());
        Http.Answer conflict = new Http.Answer(409, "application/problem+json", null,
                "{\"type\":\"urn:portfolio:problem:duplicate-school\",\"title\":\"t\",\"status\":409}", 5, Map.of());
        assertThat(BadInputSweepIT.judge(example, refused)).isEqualTo("the document's own example refused as invalid input");
        assertThat(BadInputSweepIT.judge(example, conflict)).isNull();
        Case other = cases.stream().filter(c -> !c.name().equals(Sweep.EXAMPLE_CASE) && c.expect() == Expect.REFUSED).findFirst().orElseThrow();
        assertThat(BadInputSweepIT.judge(other, refused)).isNull();

        // a hostile string accepted must come back as sent in the record answered, but a search's page lists what it
        // found, not what was sent (sixteenth pass: POST …/applicants/search)
        Sweep.Op search = new Sweep.Op("post", "/api/enrollment/applicants/search", example.op().node());
        Case hostile = new Case(search, "body lastName: script", "/api/enrollment/applicants/search", Map.of(), "application/json",
                new byte[0], Expect.TOLERATED, "lastName", "<script>alert(1)</script>");
        Case elsewhere = new Case(example.op(), "body lastName: script", "/api/things", Map.of(), "application/json",
                new byte[0], Expect.TOLERATED, "lastName", "<script>alert(1)</script>");
        Http.Answer record = new Http.Answer(201, "application/json", null, "{\"lastName\":\"Okafor\"}", 5, Map.of());
        Http.Answer page = new Http.Answer(200, "application/json", null,
                "{\"items\":[{\"lastName\":\"Okafor\"}],\"page\":0,\"size\":50,\"total\":1}", 5, Map.of());
        assertThat(BadInputSweepIT.judge(hostile, record)).startsWith("hostile string not echoed verbatim");
        assertThat(BadInputSweepIT.judge(hostile, page)).isNull();
        assertThat(BadInputSweepIT.judge(elsewhere, page)).as("a page elsewhere is held to the rule")
                .startsWith("hostile string not echoed verbatim");
        // a field of the same name deeper in the record is another thing: an amendment's reason is not the contract's
        // decided end's (nineteenth pass)
        Http.Answer contract = new Http.Answer(201, "application/json", null,
                "{\"id\":\"c\",\"scheduledEnd\":{\"reason\":\"Corrective action plan not met\"},\"benchmarks\":[{\"metricCode\":\"X\"}]}", 5, Map.of());
        Case reason = new Case(example.op(), "body reason: script", "/api/things", Map.of(), "application/json",
                new byte[0], Expect.TOLERATED, "reason", "<script>alert(1)</script>");
        assertThat(BadInputSweepIT.judge(reason, contract)).isNull();
        Http.Answer stale = new Http.Answer(201, "application/json", null, "{\"lastName\":\"Okafor\",\"scheduledEnd\":{}}", 5, Map.of());
        assertThat(BadInputSweepIT.judge(elsewhere, stale)).startsWith("hostile string not echoed verbatim");
    }

    @Test
    void aStringIsPaddedWithItsLastCharacterSoThePatternStillMatches() throws Exception {
        Map<String, Integer> skipped = new TreeMap<>();
        List<Bound> b = Sweep.stringBounds(json("{\"type\":\"string\",\"maxLength\":8,\"minLength\":3,\"pattern\":\"^[^ ]([\\\\s\\\\S]*[^ ])?#[^ #]+$\"}"),
                "ab#cd", skipped);
        assertThat(shown(b)).containsExactly("maxLength+1 ab#cddddd REFUSED", "at maxLength ab#cdddd TOLERATED",
                "at maxLength, wide characters ab#\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00 TOLERATED", "maxLength+1, wide characters ab#c\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00 REFUSED",
                "minLength-1 ab REFUSED");
        assertThat(skipped).isEmpty();
    }

    @Test
    void anExactLengthValueThePatternRefusesIsNotSentButOnePastTheMaximumIs() throws Exception {
        Map<String, Integer> skipped = new TreeMap<>();
        List<Bound> b = Sweep.stringBounds(json("{\"type\":\"string\",\"maxLength\":12,\"pattern\":\"^\\\\d{4}-\\\\d{2}-\\\\d{2}$\"}"),
                "2026-01-02", skipped);
        assertThat(shown(b)).containsExactly("maxLength+1 2026-01-02222 REFUSED");
        assertThat(skipped).containsEntry("at maxLength: the pattern refuses the padded value", 1)
                .containsEntry("at maxLength, wide characters: the pattern refuses them", 1);
        // a trailing space the pattern refuses: padded with x instead
        b = Sweep.stringBounds(json("{\"type\":\"string\",\"maxLength\":6,\"pattern\":\"\\\\S$\"}"), "a ", skipped);
        assertThat(shown(b)).containsExactly("maxLength+1 a xxxxx REFUSED", "at maxLength a xxxx TOLERATED",
                "at maxLength, wide characters a \uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00 TOLERATED", "maxLength+1, wide characters a \uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00 REFUSED");
        // enum and format strings have no length cases
        assertThat(Sweep.stringBounds(json("{\"type\":\"string\",\"maxLength\":6,\"format\":\"uuid\"}"), "a", skipped)).isEmpty();
        assertThat(Sweep.stringBounds(json("{\"type\":\"string\",\"maxLength\":6,\"enum\":[\"A\"]}"), "A", skipped)).isEmpty();
    }

    /**
     * A value at its declared length is as valid in characters outside the Basic Multilingual Plane: exactly maxLength
     * of them (twice as many UTF-16 units), the value's beginning kept; a value refused for its size at the bound is
     * a violation (nineteenth pass: {@code @Size} counted UTF-16 units).
     */
    @Test
    void aLengthIsAlsoSentInWideCharactersAndARefusalForItsSizeFails() throws Exception {
        String w = Sweep.wide("Lincoln Elementary", 10);
        assertThat(w).isEqualTo("Linc" + Sweep.WIDE.repeat(6));
        assertThat(w.codePointCount(0, w.length())).isEqualTo(10);
        assertThat(w.length()).isEqualTo(16);
        assertThat(Sweep.wide("", 1)).isEqualTo(Sweep.WIDE);
        assertThat(Sweep.wide("abc", 0)).isNull();
        Sweep.Op op = new Sweep.Op("post", "/api/things", json("{}"));
        Case atBound = new Case(op, "body name: at maxLength, wide characters", "/api/things", Map.of(), "application/json",
                new byte[0], Expect.TOLERATED, "name", w).withBound("at maxLength, wide characters");
        Http.Answer tooLong = new Http.Answer(400, "application/problem+json", null,
                "{\"type\":\"urn:portfolio:problem:validation\",\"title\":\"Invalid request\",\"status\":400,"
                        + "\"errors\":[{\"field\":\"name\",\"message\":\"size must be between 1 and 10\"}]}", 5, Map.of());
        Http.Answer forItsMeaning = new Http.Answer(422, "application/problem+json", null,
                "{\"type\":\"urn:portfolio:problem:unprocessable\",\"title\":\"Unprocessable\",\"status\":422,"
                        + "\"errors\":[{\"field\":\"name\",\"message\":\"a school of this name exists\"}]}", 5, Map.of());
        assertThat(BadInputSweepIT.judge(atBound, tooLong)).startsWith("a value at its declared bound refused for its size");
        assertThat(String.valueOf(BadInputSweepIT.judge(atBound, forItsMeaning))).doesNotContain("refused for its size");
        assertThat(BadInputSweepIT.judge(new Case(op, "body name: maxLength+1", "/api/things", Map.of(), "application/json",
                new byte[0], Expect.REFUSED, "name", null).withBound("maxLength+1"), tooLong)).isNull();
    }

    /** Writes to one path run one after another, in order; reads and other paths each on their own. */
    @Test
    void writesToOneResourceRunInOneGroupInTheirOrder() throws Exception {
        Sweep.Op post = new Sweep.Op("post", "/api/contracts/{id}/termination", json("{}"));
        Sweep.Op get = new Sweep.Op("get", "/api/contracts/{id}", json("{}"));
        java.util.function.BiFunction<Sweep.Op, String, Case> make = (op, name) -> new Case(op, name,
                op.isGet() ? "/api/contracts/a" : "/api/contracts/a/termination", Map.of(), null, null, Expect.TOLERATED, null, null);
        Case t1 = make.apply(post, "t1");
        Case r1 = make.apply(get, "r1");
        Case t2 = make.apply(post, "t2");
        Case r2 = make.apply(get, "r2");
        Case other = new Case(post, "t3", "/api/contracts/b/termination", Map.of(), null, null, Expect.TOLERATED, null, null);
        assertThat(BadInputSweepIT.byResource(List.of(t1, r1, t2, r2, other), c -> c))
                .containsExactly(List.of(t1, t2), List.of(r1), List.of(r2), List.of(other));
    }

    /** A contract's or grant's reason is judged where the answer keeps it; Ed-Fi's validationErrors are read for a size refusal. */
    @Test
    void nestedEchoesAndEdFiRefusalsAreJudged() throws Exception {
        Sweep.Op termination = new Sweep.Op("post", "/api/contracts/{id}/termination", json("{}"));
        Case reason = new Case(termination, "body reason: script", "/api/contracts/a/termination", Map.of(), "application/json",
                new byte[0], Expect.TOLERATED, "reason", "<script>alert(1)</script>");
        Http.Answer stale = new Http.Answer(200, "application/json", null,
                "{\"id\":\"a\",\"scheduledEnd\":{\"reason\":\"the reason before\"}}", 5, Map.of());
        Http.Answer kept = new Http.Answer(200, "application/json", null,
                "{\"id\":\"a\",\"scheduledEnd\":{\"reason\":\"<script>alert(1)</script>\"}}", 5, Map.of());
        assertThat(BadInputSweepIT.judge(reason, stale)).startsWith("hostile string not echoed verbatim");
        assertThat(BadInputSweepIT.judge(reason, kept)).isNull();

        Sweep.Op edfi = new Sweep.Op("post", "/edfi/data/v3/ed-fi/studentAssessments", json("{}"));
        Case atBound = new Case(edfi, "body scoreResults[0].result: at maxLength, wide characters", "/edfi/data/v3/ed-fi/studentAssessments",
                Map.of(), "application/json", new byte[0], Expect.TOLERATED, "scoreResults[0].result", "x")
                .withBound("at maxLength, wide characters");
        Http.Answer refused = new Http.Answer(400, "application/problem+json", null,
                "{\"type\":\"urn:ed-fi:api:bad-request:data-validation-failed\",\"title\":\"Data Validation Failed\",\"status\":400,"
                        + "\"validationErrors\":{\"$.scoreResults.result\":[\"result must be text of 1 to 35 characters.\"]}}", 5, Map.of());
        assertThat(BadInputSweepIT.judge(atBound, refused)).startsWith("a value at its declared bound refused for its size");
    }

    @Test
    void wholeNumbersStepByOneAndDecimalsByAHundredthWrittenPlainly() throws Exception {
        assertThat(shown(Sweep.numberBounds(json("{\"type\":\"integer\",\"minimum\":1,\"maximum\":999999999999}"), true)))
                .containsExactly("above maximum 1000000000000 REFUSED", "at maximum 999999999999 TOLERATED", "below minimum 0 REFUSED");
        assertThat(shown(Sweep.numberBounds(json("{\"type\":\"number\",\"minimum\":0.5,\"maximum\":366}"), false)))
                .containsExactly("above maximum 366.01 REFUSED", "at maximum 366 TOLERATED", "below minimum 0.49 REFUSED");
        assertThat(shown(Sweep.numberBounds(json("{\"type\":\"number\",\"minimum\":-1e12,\"maximum\":1e12}"), false)))
                .containsExactly("above maximum 1000000000000.01 REFUSED", "at maximum 1000000000000 TOLERATED",
                        "below minimum -1000000000000.01 REFUSED");
    }

    @Test
    void exclusiveBoundsOfBothOpenApiVersionsAreTheFirstValueRefused() throws Exception {
        // OpenAPI 3.1: the exclusive bound is a number
        assertThat(shown(Sweep.numberBounds(json("{\"type\":\"number\",\"exclusiveMinimum\":0,\"maximum\":100}"), false)))
                .containsExactly("above maximum 100.01 REFUSED", "at maximum 100 TOLERATED", "below minimum 0 REFUSED");
        // OpenAPI 3.0: a boolean next to the bound
        assertThat(shown(Sweep.numberBounds(json("{\"type\":\"integer\",\"maximum\":10,\"exclusiveMaximum\":true}"), true)))
                .containsExactly("above maximum 10 REFUSED", "at maximum 9 TOLERATED");
        JsonNode s = json("{\"type\":\"number\",\"exclusiveMinimum\":0}");
        assertThat(Sweep.numberAllows(s, BigDecimal.ZERO)).isFalse();
        assertThat(Sweep.numberAllows(s, new BigDecimal("0.01"))).isTrue();
        assertThat(Sweep.numberAllows(json("{\"minimum\":0}"), BigDecimal.ZERO)).isTrue();
    }

    @Test
    void arraysGetOneItemTooManyOrTooFewDistinctWherePossibleAndAlsoAsCopies() throws Exception {
        Sweep sweep = new Sweep(json("{}"), Map.of());
        // enum items: distinct values while there are enough, else copies
        List<Bound> b = sweep.arrayBounds(json("{\"type\":\"array\",\"minItems\":3,\"maxItems\":3,\"items\":{\"type\":\"string\",\"enum\":[\"A\",\"B\"]}}"),
                "codes", 0);
        assertThat(shown(b)).containsExactly("maxItems+1 [\"A\",\"A\",\"A\",\"A\"] REFUSED", "minItems-1 [\"A\",\"B\"] REFUSED");
        b = sweep.arrayBounds(json("{\"type\":\"array\",\"maxItems\":3,\"uniqueItems\":true,\"items\":{\"type\":\"string\",\"enum\":[\"A\",\"B\"]}}"),
                "codes", 0);
        assertThat(b).isEmpty();
        assertThat(sweep.boundsSkipped).containsEntry("maxItems+1: uniqueItems and no way to make distinct items", 1);
        // free strings: numbered; and the same count as copies of one item (a service reading a set would merge them)
        b = sweep.arrayBounds(json("{\"type\":\"array\",\"maxItems\":2,\"items\":{\"type\":\"string\",\"maxLength\":20}}"),
                "tags", 0);
        assertThat(shown(b)).containsExactly("maxItems+1 [\"Sweep tag0\",\"Sweep tag1\",\"Sweep tag2\"] REFUSED",
                "maxItems+1 copies [\"Sweep tag\",\"Sweep tag\",\"Sweep tag\"] REFUSED");
        // uuids: the valid one first, then fresh ones; no copies where uniqueItems is declared
        b = sweep.arrayBounds(json("{\"type\":\"array\",\"maxItems\":1,\"uniqueItems\":true,\"items\":{\"type\":\"string\",\"format\":\"uuid\"}}"),
                "schools", 0);
        assertThat(b).hasSize(1);
        assertThat(b.get(0).value().get(0).asText()).isEqualTo(Sweep.UNKNOWN_UUID);
        assertThat(b.get(0).value().get(1).asText()).isNotEqualTo(Sweep.UNKNOWN_UUID).hasSize(36);
    }

    /**
     * The committed merged document: how many boundary cases the sweep sends, within a budget of 1,500 (about 1,000 now,
     * some 4 s of the sweep's time; the verify must stay under 15 minutes on a 2-core machine).
     */
    @Test
    void theMergedDocumentGivesBoundaryCasesOfEveryKindWithinTheBudget() throws Exception {
        JsonNode doc = Sweep.JSON.readTree(Path.of("src/test/openapi/portfolio.json").toFile());
        Sweep sweep = new Sweep(doc, Map.of());
        List<Case> all = new ArrayList<>();
        sweep.operations().forEach(op -> all.addAll(sweep.cases(op)));
        Map<String, Integer> byKind = new TreeMap<>();
        all.stream().filter(c -> c.bound() != null).forEach(c -> byKind.merge(c.bound() + " " + c.expect(), 1, Integer::sum));
        long bounds = all.stream().filter(c -> c.bound() != null).count();
        System.out.printf("sweep boundaries from the committed document: %d of %d cases %s; not sent %s%n", bounds, all.size(),
                byKind, sweep.boundsSkipped);
        assertThat(bounds).isBetween(300L, 1_500L);
        assertThat(byKind.keySet()).contains("maxLength+1 REFUSED", "at maxLength TOLERATED", "minLength-1 REFUSED",
                "above maximum REFUSED", "at maximum TOLERATED", "below minimum REFUSED", "maxItems+1 REFUSED", "maxItems+1 copies REFUSED", "minItems-1 REFUSED");
        assertThat(all.stream().filter(c -> c.bound() != null).map(Case::expect))
                .allMatch(e -> e == Expect.REFUSED || e == Expect.TOLERATED);
    }
}
