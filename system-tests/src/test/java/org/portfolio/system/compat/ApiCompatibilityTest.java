package org.portfolio.system.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.portfolio.system.gateway.OpenApiSnapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A district's client generated from the released documents keeps working against this build, or the changelog says
 * what changed and what to do (docs/api-changes.md). The released documents are kept in {@value #BASELINE}; the
 * current ones are the merged OpenAPI snapshot (which {@code MergedOpenApiIT} keeps equal to what the gateway serves)
 * and api-docs' AsyncAPI document. Every change that needs a note (breaking, an enum grown, an answer a validating
 * client may refuse, a keyword not judged) is named in the changelog's "Unreleased" section by its id, and the
 * section names no change that is not there; the baseline is the release the changelog names last, byte for byte;
 * a release that names a breaking change is a new major version.
 */
class ApiCompatibilityTest {

    /** One folder per release kept ({@code 1.0.0/openapi.json}, {@code 1.0.0/asyncapi.yaml}): the latest and the one before it. */
    static final String BASELINE = "src/test/api-baseline";
    static final Path CHANGELOG = Path.of("..", "docs", "api-changes.md");
    static final Path EVENTS = Path.of("..", "api-docs", "src", "main", "resources", "asyncapi", "portfolio-events.yaml");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void everyChangeSinceTheReleaseThatNeedsANoteIsNamedInTheChangelog() throws IOException {
        Changelog changelog = Changelog.read(CHANGELOG);
        Changelog.Release latest = changelog.latest();
        Path baseline = Path.of(BASELINE, latest.version());
        JsonNode releasedApi = JSON.readTree(baseline.resolve("openapi.json").toFile());
        JsonNode releasedEvents = YAML.readTree(baseline.resolve("asyncapi.yaml").toFile());
        Map<String, ApiChange> changes = changes(releasedApi, OpenApiSnapshot.read(), releasedEvents, YAML.readTree(EVENTS.toFile()));

        Map<ApiChange.Severity, Long> counts = new TreeMap<>();
        changes.values().forEach(c -> counts.merge(c.severity(), 1L, Long::sum));
        System.out.printf("[api-compat] since release %s: %s%n", releasedApi.path("info").path("version").asText(), counts);

        assertThat(changelog.unnamed(changes)).as("changes a client of the released documents meets that docs/api-changes.md's "
                + "Unreleased section does not name (undo the change, or name its id there with what a client does about it)").isEmpty();
        assertThat(changelog.stale(changes)).as("ids docs/api-changes.md's Unreleased section names that are not (or no longer) changes").isEmpty();
        assertThat(latest.version()).as("the changelog's latest release is the baseline's")
                .isEqualTo(releasedApi.path("info").path("version").asText())
                .isEqualTo(releasedEvents.path("info").path("version").asText());
        assertThat(Map.of("openapi.json", Changelog.sha256(baseline.resolve("openapi.json")),
                "asyncapi.yaml", Changelog.sha256(baseline.resolve("asyncapi.yaml"))))
                .as("the baseline's SHA-256 as the changelog's latest release records it (the baseline is copied only when a "
                        + "release is made: docs/api-changes.md, \"Making a release\")").isEqualTo(latest.hashes());
        assertThat(changelog.breakingWithoutNewMajor()).as("releases that name a breaking change without a new major version").isEmpty();
    }

    /**
     * The latest release against the one before it, both kept in {@value #BASELINE}: every change that needed a note
     * is named under the latest release (moved from Unreleased, not dropped), and a breaking one made it a new major.
     * With one release only (1.0.0) there is nothing to compare yet.
     */
    @Test
    void theLatestReleaseNamesEveryChangeSinceTheOneBefore() throws IOException {
        Changelog changelog = Changelog.read(CHANGELOG);
        Assumptions.assumeTrue(changelog.releases().size() > 1, "one release only");
        Changelog.Release latest = changelog.releases().get(0);
        Changelog.Release before = changelog.releases().get(1);
        Path was = Path.of(BASELINE, before.version());
        Path is = Path.of(BASELINE, latest.version());
        assertThat(was.resolve("openapi.json")).as("the release before the latest is kept in the baseline too").exists();
        Map<String, ApiChange> changes = changes(JSON.readTree(was.resolve("openapi.json").toFile()), JSON.readTree(is.resolve("openapi.json").toFile()),
                YAML.readTree(was.resolve("asyncapi.yaml").toFile()), YAML.readTree(is.resolve("asyncapi.yaml").toFile()));
        assertThat(changes.values().stream().filter(ApiChange::needsNote).map(ApiChange::id).filter(id -> !latest.ids().contains(id)).toList())
                .as("changes from %s to %s that the %s section does not name", before.version(), latest.version(), latest.version()).isEmpty();
        if (changes.values().stream().anyMatch(c -> c.severity() == ApiChange.Severity.BREAKING)) {
            assertThat(latest.major()).as("a release with a breaking change is a new major version").isGreaterThan(before.major());
        }
    }

    private static Map<String, ApiChange> changes(JsonNode wasApi, JsonNode isApi, JsonNode wasEvents, JsonNode isEvents) {
        Map<String, ApiChange> changes = new TreeMap<>(OpenApiDiff.between(wasApi, isApi));
        changes.putAll(AsyncApiDiff.between(wasEvents, isEvents));
        return changes;
    }

    @Test
    void everyDocumentCarriesOneVersion() throws IOException {
        Map<String, String> versions = new TreeMap<>();
        versions.put("the merged document's snapshot", OpenApiSnapshot.read().path("info").path("version").asText());
        versions.put("the AsyncAPI document", YAML.readTree(EVENTS.toFile()).path("info").path("version").asText());
        String merger = Files.readString(Path.of("..", "gateway", "src", "main", "java", "org", "portfolio", "gateway", "openapi", "MergedOpenApi.java"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Settings\\(\"Portfolio API\", \"([^\"]+)\"").matcher(merger);
        versions.put("the gateway's MergedOpenApi", m.find() ? m.group(1) : "not found");
        java.util.regex.Pattern property = java.util.regex.Pattern.compile("^\\s*(%[\\w-]+\\.)?quarkus\\.smallrye-openapi\\.info-version\\s*[=:]\\s*(.+?)\\s*$");
        try (var modules = Files.list(Path.of(".."))) {
            for (Path module : modules.toList()) {
                Path properties = module.resolve("src/main/resources/application.properties");
                if (Files.exists(properties)) {
                    for (String line : Files.readAllLines(properties)) {
                        java.util.regex.Matcher p = property.matcher(line);
                        if (p.matches()) {
                            versions.put(module.getFileName() + " " + (p.group(1) == null ? "" : p.group(1)) + "info-version", p.group(2));
                        }
                    }
                }
            }
        }
        assertThat(versions).as("where the API's version is written").hasSizeGreaterThanOrEqualTo(10);
        assertThat(new java.util.TreeSet<>(versions.values())).as("the versions the documents carry: " + versions).hasSize(1);
    }

    /**
     * Every change since other documents, printed: {@code -Dportfolio.api.compare=<openapi.json>[,<asyncapi.yaml>]}
     * (for example the documents of an older commit, {@code git show <commit>:system-tests/src/test/openapi/portfolio.json}),
     * to see what a client generated from them meets today. Skipped without the property.
     */
    @Test
    void listTheChangesSinceTheDocumentsNamedByAProperty() throws IOException {
        String compare = System.getProperty("portfolio.api.compare", "");
        Assumptions.assumeFalse(compare.isBlank(), "-Dportfolio.api.compare not set");
        String[] files = compare.split(",");
        Map<String, ApiChange> changes = new TreeMap<>(OpenApiDiff.between(JSON.readTree(Path.of(files[0]).toFile()), OpenApiSnapshot.read()));
        if (files.length > 1) {
            changes.putAll(AsyncApiDiff.between(YAML.readTree(Path.of(files[1]).toFile()), YAML.readTree(EVENTS.toFile())));
        }
        changes.values().stream().sorted(Comparator.comparing(ApiChange::severity).thenComparing(ApiChange::id))
                .forEach(c -> System.out.println("[api-compat] " + c));
    }
}
