package org.portfolio.system.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.portfolio.system.tools.AsyncApiParser;
import org.portfolio.system.tools.Spectral;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AsyncAPI document of the events as the running gateway serves it ({@code GET /asyncapi}, anonymous): the one in
 * module api-docs, and valid for the AsyncAPI initiative's own parser ({@code @asyncapi/parser}: the AsyncAPI 3.0
 * schema, references, its ruleset): no error, no warning.
 */
@ExtendWith(RunningStack.class)
class AsyncApiIT {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private final Api api;

    AsyncApiIT(RunningStack.Stack running) {
        this.api = new Api(running.stack());
    }

    @Test
    void theGatewayServesTheDocumentToAnyoneAndTheAsyncApiParserFindsNoErrorAndNoWarning() throws Exception {
        Response yaml = api.gw().get("/asyncapi");
        assertThat(yaml.statusCode()).as(yaml.asString()).isEqualTo(200);
        assertThat(yaml.contentType()).startsWith("application/yaml");
        assertThat(yaml.asString()).isEqualTo(resource());
        Response json = api.gw().queryParam("format", "json").get("/asyncapi");
        assertThat(json.contentType()).startsWith("application/json");
        assertThat(new ObjectMapper().readTree(json.asString())).isEqualTo(YAML.readTree(resource()));

        Path file = write("portfolio-events.yaml", yaml.asString());
        AsyncApiParser.Result r = AsyncApiParser.parse(file);
        System.out.printf("@asyncapi/parser on the served AsyncAPI document: parsed %s, %d errors, %d warnings, %d infos/hints%n",
                r.parsed(), r.atLeast(0).size(), r.atLeast(1).size() - r.atLeast(0).size(),
                r.diagnostics().size() - r.atLeast(1).size());
        r.diagnostics().forEach(d -> System.out.println("  " + d));
        assertThat(r.parsed()).isTrue();
        assertThat(r.atLeast(1)).as("errors and warnings of @asyncapi/parser").isEmpty();
    }

    @Test
    void theParserCatchesABrokenDocument() throws Exception {
        String broken = resource().replace("$ref: '#/components/messages/SchoolRegistered'",
                "$ref: '#/components/messages/SchoolRegisterd'");
        assertThat(broken).isNotEqualTo(resource());
        AsyncApiParser.Result r = AsyncApiParser.parse(write("broken-events.yaml", broken));
        List<Spectral.Finding> errors = r.atLeast(0);
        assertThat(errors).as("a reference to a message that does not exist").isNotEmpty();
    }

    private static String resource() throws Exception {
        try (InputStream in = AsyncApiIT.class.getClassLoader().getResourceAsStream("asyncapi/portfolio-events.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Path write(String name, String text) throws Exception {
        Path file = Path.of("target", "asyncapi-lint", name).toAbsolutePath();
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }
}
