package org.portfolio.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Structural checks of a service's own OpenAPI document that spectral's {@code spectral:oas} ruleset would
 * otherwise report only at the end of the build, on the gateway's merged document (system-tests). A service test
 * runs them on {@code /q/openapi} so that a bad schema fails in the module that produced it.
 */
public final class OpenApiChecks {

    private OpenApiChecks() {
    }

    /**
     * Every schema of {@code type: array} has a sibling {@code items} (spectral rule {@code array-items}). Returns
     * the JSON paths of those that do not; empty when the document is fine.
     */
    public static List<String> arraysWithoutItems(Object document) {
        List<String> found = new ArrayList<>();
        walk(document, "$", found);
        return found;
    }

    /**
     * No schema has a {@code type} next to its {@code $ref} (issue 12: openapi-generator clears such types with a
     * warning, "Type(s) cleared", and some generators type the field from the sibling). The JSON paths of those that do.
     */
    public static List<String> refsWithTypeSiblings(Object document) {
        List<String> found = new ArrayList<>();
        walkRefs(document, "$", found);
        return found;
    }

    private static void walkRefs(Object node, String path, List<String> found) {
        if (node instanceof Map<?, ?> map) {
            if (map.get("$ref") instanceof String && map.containsKey("type")) {
                found.add(path);
            }
            for (Map.Entry<?, ?> e : map.entrySet()) {
                walkRefs(e.getValue(), path + "." + e.getKey(), found);
            }
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walkRefs(list.get(i), path + "[" + i + "]", found);
            }
        }
    }

    private static void walk(Object node, String path, List<String> found) {
        if (node instanceof Map<?, ?> map) {
            if ("array".equals(map.get("type")) && !map.containsKey("items")) {
                found.add(path);
            }
            for (Map.Entry<?, ?> e : map.entrySet()) {
                walk(e.getValue(), path + "." + e.getKey(), found);
            }
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path + "[" + i + "]", found);
            }
        }
    }
}
