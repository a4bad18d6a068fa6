package org.portfolio.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the services' API tests do with the document's request examples, without a service. */
class RequestExamplesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String A = "3f1c8a52-7c1e-4e0b-9a57-0c6f3f1f2b11";
    private static final String B = "9b1f6c3e-2d4a-4f7b-8e5c-6a0d3b2c1f44";

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void theExamplesOfAnOperationAreCopiesAndAnOperationWithoutOneFails() throws Exception {
        JsonNode doc = json("{\"paths\":{\"/x\":{\"post\":{\"requestBody\":{\"content\":{\"application/json\":{\"examples\":"
                + "{\"one\":{\"value\":{\"a\":1}},\"two\":{\"value\":{\"a\":2}}}}}}}},\"/y\":{\"post\":{}}}}");
        Map<String, JsonNode> x = RequestExamples.of(doc, "/x", "post");
        assertThat(x.keySet()).containsExactly("one", "two");
        ((com.fasterxml.jackson.databind.node.ObjectNode) x.get("one")).put("a", 9);
        assertThat(RequestExamples.of(doc, "/x", "post").get("one").path("a").asInt()).as("the document unchanged").isEqualTo(1);
        assertThatThrownBy(() -> RequestExamples.of(doc, "/y", "post")).isInstanceOf(AssertionError.class);
    }

    @Test
    void idsAreMadeRealByNameOrFreshAndTheExampleIsLeftAlone() throws Exception {
        JsonNode example = json("{\"schoolId\":\"" + A + "\",\"rows\":[{\"schoolId\":\"" + A + "\",\"other\":\"" + B + "\"}],"
                + "\"name\":\"x\"}");
        JsonNode real = RequestExamples.withEachProperty(example, Map.of("schoolId", "real"));
        assertThat(real.toString()).isEqualTo("{\"schoolId\":\"real\",\"rows\":[{\"schoolId\":\"real\",\"other\":\"" + B + "\"}],\"name\":\"x\"}");
        assertThat(example.path("schoolId").asText()).isEqualTo(A);
        assertThatThrownBy(() -> RequestExamples.withEachProperty(example, Map.of("programId", "p"))).isInstanceOf(AssertionError.class);
        assertThat(RequestExamples.withProperties(example, Map.of("programId", "p"))).isEqualTo(example);

        JsonNode fresh = RequestExamples.withFreshIds(example);
        List<String> ids = RequestExamples.uuids(fresh.toString());
        assertThat(ids).hasSize(3).doesNotContain(A, B);
        assertThat(ids.get(0)).as("one new id per made-up id").isEqualTo(ids.get(1)).isNotEqualTo(ids.get(2));
    }

    /** Sixteenth pass: the examples' dates move on with the real clock, by the school years since they were written. */
    @Test
    void anExampleMovesOnByTheWholeYearsSinceItWasWritten() throws Exception {
        JsonNode example = json("{\"startDate\":\"2027-01-04\",\"endDate\":\"2029-06-30\",\"at\":\"2026-12-01T15:00:00Z\","
                + "\"leap\":\"2028-02-29\",\"schoolYear\":\"2026-27\",\"term\":{\"endYear\":\"2099-00\"},"
                + "\"rows\":[{\"day\":\"2026-09-01\"}],\"code\":\"2026-99\",\"name\":\"2026-27 plan\",\"n\":2026}");
        assertThat(RequestExamples.movedOn(example, java.time.LocalDate.of(2027, 6, 30))).as("in the same school year").isEqualTo(example);
        assertThat(RequestExamples.movedOn(example, java.time.LocalDate.of(2027, 7, 1)).path("schoolYear").asText())
                .as("the next school year").isEqualTo("2027-28");
        JsonNode moved = RequestExamples.movedOn(example, java.time.LocalDate.of(2029, 7, 1));
        assertThat(moved.toString()).isEqualTo("{\"startDate\":\"2030-01-04\",\"endDate\":\"2032-06-30\","
                + "\"at\":\"2029-12-01T15:00:00Z\",\"leap\":\"2031-02-28\",\"schoolYear\":\"2029-30\","
                + "\"term\":{\"endYear\":\"2102-03\"},\"rows\":[{\"day\":\"2029-09-01\"}],\"code\":\"2026-99\","
                + "\"name\":\"2026-27 plan\",\"n\":2026}");
        assertThat(example.get("endDate").asText()).as("the original is left as it was").isEqualTo("2029-06-30");
    }
}
