package org.portfolio.system.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation lists its path parameters in the order its path names them, first: generated clients take a
 * method's arguments in the document's order, and 14 operations had two path parameters in alphabetical order
 * ({@code getResult(applicantId, periodId)} for {@code /periods/{periodId}/applications/{applicantId}/result}), so a
 * call in the path's order swapped two UUIDs unnoticed (outside check of a generated Python client, eleventh pass).
 * Read from the committed snapshot, which {@code MergedOpenApiIT} keeps equal to the live document.
 */
class PathParameterOrderTest {

    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}]+)}");

    @Test
    void everyOperationTakesItsPathParametersInThePathsOrder() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(Files.readString(OpenApiSnapshot.FILE));
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (var path = doc.path("paths").fields(); path.hasNext(); ) {
            var p = path.next();
            List<String> names = new ArrayList<>();
            for (Matcher m = TEMPLATE.matcher(p.getKey()); m.find(); ) {
                names.add(m.group(1));
            }
            for (var op = p.getValue().fields(); op.hasNext(); ) {
                var o = op.next();
                if (!o.getValue().has("responses")) {
                    continue;
                }
                List<String> listed = new ArrayList<>();
                o.getValue().path("parameters").forEach(x -> listed.add(x.path("in").asText() + ":" + x.path("name").asText()));
                List<String> expected = names.stream().map(n -> "path:" + n).toList();
                if (!listed.subList(0, Math.min(listed.size(), expected.size())).equals(expected)) {
                    wrong.add(o.getKey() + " " + p.getKey() + " " + listed);
                }
                checked++;
            }
        }
        assertThat(checked).as("operations checked").isGreaterThan(150);
        assertThat(wrong).as("operations whose path parameters are not first and in the path's order").isEmpty();
    }
}
