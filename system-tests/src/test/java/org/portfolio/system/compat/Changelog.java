package org.portfolio.system.compat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docs/api-changes.md as the build reads it: second-level headings are "Unreleased" and the releases, newest first
 * ({@code ## 1.2.0}); an id is backquoted text in a section, HTML comments and fenced blocks left out and line breaks
 * inside an id read as one space; a release records its baseline documents' SHA-256 (backquoted file name, then the
 * backquoted hash).
 */
final class Changelog {

    /** The kinds of change that break a client of the release before (the rest need a note but no new major version). */
    static final Set<String> BREAKING_KINDS = Set.of("operation-removed", "operation-secured", "operation-role-removed",
            "parameter-removed", "parameter-required", "request-body-required", "request-media-type-removed",
            "request-property-removed", "request-property-required", "request-additional-properties-closed",
            "request-type-changed", "request-format-changed", "request-enum-added", "request-enum-value-removed",
            "request-pattern-changed", "response-status-removed", "response-status-added", "response-media-type-removed",
            "response-header-removed", "response-header-optional", "security-scheme-changed", "response-property-removed", "response-property-optional", "response-type-changed",
            "response-format-changed", "response-enum-removed", "response-const-changed", "channel-removed",
            "channel-message-removed", "message-removed", "message-content-type-changed");
    private static final Set<String> NOTED_KINDS = Set.of("response-enum-value-added", "response-pattern-changed",
            "response-property-added", "response-additional-properties-opened", "request-schema-keyword-changed",
            "response-schema-keyword-changed", "parameter-serialization-changed");
    private static final Pattern HEADING = Pattern.compile("(?m)^## (.+?)\\s*$");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern HASH = Pattern.compile("`(openapi\\.json|asyncapi\\.yaml)`\\s*`([0-9a-f]{64})`");
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)\\b.*");

    record Release(String version, int major, Set<String> ids, Map<String, String> hashes) {
    }

    private final Set<String> unreleased;
    private final List<Release> releases;

    private Changelog(Set<String> unreleased, List<Release> releases) {
        this.unreleased = unreleased;
        this.releases = releases;
    }

    static Changelog read(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    static Changelog parse(String text) {
        String plain = text.replaceAll("(?s)<!--.*?-->", "").replaceAll("(?ms)^```.*?^```\\s*$", "").replaceAll("(?ms)^~~~.*?^~~~\\s*$", "");
        Matcher h = HEADING.matcher(plain);
        List<int[]> at = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        while (h.find()) {
            at.add(new int[]{h.start(), h.end()});
            titles.add(h.group(1));
        }
        Set<String> unreleased = null;
        List<Release> releases = new ArrayList<>();
        for (int i = 0; i < titles.size(); i++) {
            String body = plain.substring(at.get(i)[1], i + 1 < at.size() ? at.get(i + 1)[0] : plain.length());
            Matcher v = VERSION.matcher(titles.get(i));
            if (titles.get(i).equals("Unreleased")) {
                unreleased = ids(body);
            } else if (v.matches()) {
                Map<String, String> hashes = new TreeMap<>();
                Matcher m = HASH.matcher(body);
                while (m.find()) {
                    hashes.put(m.group(1), m.group(2));
                }
                releases.add(new Release(v.group(1) + "." + v.group(2) + "." + v.group(3), Integer.parseInt(v.group(1)), ids(body), hashes));
            }
        }
        if (unreleased == null || releases.isEmpty()) {
            throw new AssertionError("docs/api-changes.md needs a '## Unreleased' section and at least one '## <version>' release");
        }
        return new Changelog(unreleased, releases);
    }

    private static Set<String> ids(String section) {
        Set<String> ids = new TreeSet<>();
        Matcher m = CODE.matcher(section);
        while (m.find()) {
            ids.add(m.group(1).replaceAll("\\s+", " ").trim());
        }
        return ids;
    }

    Release latest() {
        return releases.get(0);
    }

    /** The releases, newest first. */
    List<Release> releases() {
        return releases;
    }

    /** The changes that need a note and have none under Unreleased. */
    Set<String> unnamed(Map<String, ApiChange> changes) {
        Set<String> out = new TreeSet<>();
        changes.values().stream().filter(ApiChange::needsNote).map(ApiChange::id).filter(id -> !unreleased.contains(id)).forEach(out::add);
        return out;
    }

    /** The ids Unreleased names that are no change (any more). */
    Set<String> stale(Map<String, ApiChange> changes) {
        Set<String> out = new TreeSet<>();
        unreleased.stream().filter(id -> kind(id) != null).filter(id -> !changes.containsKey(id)).forEach(out::add);
        return out;
    }

    /** Releases that name a breaking change but keep the major version of the release before them. */
    Set<String> breakingWithoutNewMajor() {
        Set<String> out = new TreeSet<>();
        for (int i = 0; i + 1 < releases.size(); i++) {
            Release r = releases.get(i);
            if (r.major() <= releases.get(i + 1).major() && r.ids().stream().map(Changelog::kind).anyMatch(Changelog::breaks)) {
                out.add(r.version());
            }
        }
        return out;
    }

    static boolean breaks(String kind) {
        return kind != null && (BREAKING_KINDS.contains(kind) || kind.matches("request-\\w+-narrowed"));
    }

    /** The kind an id begins with ({@code request-maxLength-narrowed}, …), or null when the text is no id. */
    static String kind(String id) {
        int space = id.indexOf(' ');
        if (space < 0) {
            return null;
        }
        String kind = id.substring(0, space);
        return BREAKING_KINDS.contains(kind) || NOTED_KINDS.contains(kind) || kind.matches("(request|response)-\\w+-(narrowed|widened)") ? kind : null;
    }

    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
