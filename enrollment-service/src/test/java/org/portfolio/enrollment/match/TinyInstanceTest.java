package org.portfolio.enrollment.match;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared tiny instance gives the shared tiny assignment, through the same code the CLI runs. */
class TinyInstanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theCliWritesTheSharedTinyAssignmentAndOneTimingLine(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("tiny-instance.json");
        Path out = dir.resolve("out.json");
        try (InputStream is = getClass().getResourceAsStream("/match/tiny-instance.json")) {
            Files.copy(is, in);
        }
        String timing = MatchCli.run(in, out);
        assertThat(timing).matches("TIMING \\{\"match_s\": [0-9.]+, \"total_s\": [0-9.]+}");
        JsonNode expected;
        try (InputStream is = getClass().getResourceAsStream("/match/tiny-assignment.json")) {
            expected = JSON.readTree(is);
        }
        JsonNode actual = JSON.readTree(out.toFile());
        assertThat(actual).isEqualTo(expected);
        // key order = instance order
        assertThat(Files.readString(out)).startsWith("{\"S000001\":\"P0003\",\"S000002\":null,");
    }

    @Test
    void keyOrderDoesNotMatterAndUnknownFieldsAreIgnored() throws Exception {
        String json = """
                {"priorities": {"B": {"s1": 1, "s2": 2, "nobody": 1}, "A": {"s1": 2, "s2": 1}},
                 "extra": [1, {"x": 2}],
                 "students": [{"choices": ["A", "B"], "id": "s1", "lottery": 0.1, "note": "x"},
                              {"id": "s2", "lottery": 1, "choices": ["A"]},
                              {"id": "s3", "lottery": 0.5}],
                 "programs": [{"id": "A", "capacity": 1, "name": "ignored"}, {"capacity": 0, "id": "B"}],
                 "schema": "school-choice-instance/v1"}
                """;
        SchoolChoiceInstance inst = InstanceJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        // A prefers s2 (priority 1); B has no seats; s3 ranks nothing
        assertThat(inst.match()).containsExactly(-1, 0, -1);
    }

    @Test
    void aMissingPriorityForARankedProgramIsAClearError() {
        String json = """
                {"programs": [{"id": "A", "capacity": 1}], "students": [{"id": "s1", "lottery": 0.1, "choices": ["A"]}],
                 "priorities": {}}
                """;
        assertThatThrownBy(() -> InstanceJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(InstanceJson.InvalidInstanceException.class)
                .hasMessageContaining("no priority for student s1 at program A");
    }

    @Test
    void equalLotteryNumbersAreBrokenByStudentId() throws Exception {
        String json = """
                {"programs": [{"id": "A", "capacity": 1}],
                 "students": [{"id": "s2", "lottery": 0.5, "choices": ["A"]}, {"id": "s1", "lottery": 0.5, "choices": ["A"]}],
                 "priorities": {"A": {"s1": 1, "s2": 1}}}
                """;
        SchoolChoiceInstance inst = InstanceJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        assertThat(inst.match()).containsExactly(-1, 0);
    }
}
