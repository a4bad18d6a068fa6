package org.portfolio.system.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;
import org.portfolio.system.gateway.OpenApiSnapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A district's client generated from the released documents keeps working against this build, or the changelog says
 * what changed and what to do (docs/api-changes.md). The released documents are kept in {@value #BASELINE}; the
 * current ones are the merged OpenAPI snapshot (which {@code MergedOpenApiIT} keeps equal to what the gateway serves)
 * and api-docs' AsyncAPI document. Every breaking change and every value a response enum gained since the release is
 * named in the changelog's "Unreleased" section by its id, and the section names no change that is not there.
 */
class ApiCompatibilityTest {

    static final String BASELINE = "src/test/api-baseline";
    static final Path CHANGELOG = Path.of("..", "docs", "api-changes.md");
    static final Path EVENTS = Path.of("..", "api-docs", "src", "main", "resources", "asyncapi", "portfolio-events.yaml");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern RELEASE = Pattern.compile("(?m)^## (\\d+\\.\\d+\\.\\d+)\\b");

    @Test
    void everyBreakingChangeSinceTheReleaseIsNamedInTheChangelog() throws IOException {
        JsonNode releasedApi = JSON.readTree(Path.of(BASELINE, "openapi.json").toFile());
        JsonNode releasedEvents = YAML.readTree(Path.of(BASELINE, "asyncapi.yaml").toFile());
        Map<String, ApiChange> changes = new TreeMap<>(OpenApiDiff.between(releasedApi, OpenApiSnapshot.read()));
        changes.putAll(AsyncApiDiff.between(releasedEvents, YAML.readTree(EVENTS.toFile())));

        String changelog = Files.readString(CHANGELOG);
        Set<String> named = namedInUnreleased(changelog);
        Set<String> unnamed = unnamed(changes, named);
        Set<String> stale = stale(changes, named);

        long breaking = changes.values().stream().filter(c -> c.severity() == ApiChange.Severity.BREAKING).count();
        long grown = changes.values().stream().filter(c -> c.severity() == ApiChange.Severity.ENUM_GROWN).count();
        System.out.printf("[api-compat] since release %s: %d breaking, %d enum values added, %d additions%n",
                releasedApi.path("info").path("version").asText(), breaking, grown, changes.size() - breaking - grown);

        assertThat(unnamed).as("changes a client of the released documents meets that docs/api-changes.md's Unreleased "
                + "section does not name (undo the change, or name its id there with what a client does about it)").isEmpty();
        assertThat(stale).as("ids docs/api-changes.md's Unreleased section names that are not (or no longer) changes").isEmpty();
        Matcher release = RELEASE.matcher(changelog);
        assertThat(release.find() ? release.group(1) : "none").as("the changelog's latest release is the baseline's")
                .isEqualTo(releasedApi.path("info").path("version").asText())
                .isEqualTo(releasedEvents.path("info").path("version").asText());
    }

    @Test
    void everyDocumentCarriesOneVersion() throws IOException {
        Map<String, String> versions = new TreeMap<>();
        versions.put("the merged document (MergedOpenApi)", OpenApiSnapshot.read().path("info").path("version").asText());
        versions.put("the AsyncAPI document", YAML.readTree(EVENTS.toFile()).path("info").path("version").asText());
        try (var modules = Files.list(Path.of(".."))) {
            for (Path module : modules.toList()) {
                Path properties = module.resolve("src/main/resources/application.properties");
                if (Files.exists(properties)) {
                    Files.readAllLines(properties).stream().filter(l -> l.startsWith("quarkus.smallrye-openapi.info-version="))
                            .forEach(l -> versions.put(module.getFileName() + "'s info-version", l.substring(l.indexOf('=') + 1).trim()));
                }
            }
        }
        assertThat(versions).as("where the API's version is written").hasSizeGreaterThanOrEqualTo(9);
        assertThat(new TreeSet<>(versions.values())).as("the versions the documents carry: " + versions).hasSize(1);
    }

    /**
     * Every change since other documents, printed: {@code -Dportfolio.api.compare=<openapi.json>[,<asyncapi.yaml>]}
     * (for example the documents of an older commit, {@code git show <commit>:system-tests/src/test/openapi/portfolio.json}),
     * to see what a client generated from them meets today. Skipped without the property.
     */
    @Test
    void listTheChangesSinceTheDocumentsNamedByAProperty() throws IOException {
        String compare = System.getProperty("portfolio.api.compare", "");
        org.junit.jupiter.api.Assumptions.assumeFalse(compare.isBlank(), "-Dportfolio.api.compare not set");
        String[] files = compare.split(",");
        Map<String, ApiChange> changes = new TreeMap<>(OpenApiDiff.between(JSON.readTree(Path.of(files[0]).toFile()), OpenApiSnapshot.read()));
        if (files.length > 1) {
            changes.putAll(AsyncApiDiff.between(YAML.readTree(Path.of(files[1]).toFile()), YAML.readTree(EVENTS.toFile())));
        }
        changes.values().stream().sorted(java.util.Comparator.comparing(ApiChange::severity).thenComparing(ApiChange::id))
                .forEach(c -> System.out.println("[api-compat] " + c));
    }

    /** The backquoted text of the changelog's "Unreleased" section (up to the next second-level heading). */
    static Set<String> namedInUnreleased(String changelog) {
        int start = changelog.indexOf("\n## Unreleased");
        assertThat(start).as("docs/api-changes.md has a '## Unreleased' section").isNotNegative();
        int end = changelog.indexOf("\n## ", start + 1);
        String section = changelog.substring(start, end < 0 ? changelog.length() : end);
        Set<String> named = new TreeSet<>();
        Matcher m = CODE.matcher(section);
        while (m.find()) {
            named.add(m.group(1));
        }
        return named;
    }

    /** The changes that need a note and have none. */
    static Set<String> unnamed(Map<String, ApiChange> changes, Set<String> named) {
        Set<String> out = new TreeSet<>();
        changes.values().stream().filter(ApiChange::needsNote).map(ApiChange::id).filter(id -> !named.contains(id)).forEach(out::add);
        return out;
    }

    /** The ids the notes name that are no change (any more). */
    static Set<String> stale(Map<String, ApiChange> changes, Set<String> named) {
        Set<String> out = new TreeSet<>();
        named.stream().filter(ApiCompatibilityTest::looksLikeAnId).filter(id -> !changes.containsKey(id)).forEach(out::add);
        return out;
    }

    private static boolean looksLikeAnId(String code) {
        return code.matches("[a-z][a-zA-Z-]+ \\S.*") && Set.of("operation", "parameter", "request", "response", "channel", "message")
                .contains(code.substring(0, code.indexOf('-') < 0 ? 0 : code.indexOf('-')));
    }
}
