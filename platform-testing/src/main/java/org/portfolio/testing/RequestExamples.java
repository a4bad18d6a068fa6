package org.portfolio.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request examples of a service's served OpenAPI document, as its API tests send them (docs/api-conventions.md,
 * "Examples"): read from {@code /q/openapi} so that a test cannot drift from what the document shows, their made-up
 * ids replaced by real or fresh ones. One place for what every service's tests need of them.
 */
public final class RequestExamples {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A uuid in a JSON text. */
    public static final Pattern UUID_TEXT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private RequestExamples() {
    }

    /** The served document ({@code /q/openapi} of the service under test). */
    public static JsonNode document() {
        try {
            return JSON.readTree(given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().asString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The examples (name → a copy of the value) of the operation's JSON body in the served document; at least one. */
    public static Map<String, JsonNode> of(String path, String method) {
        return of(document(), path, method);
    }

    /** The examples (name → a copy of the value) of the operation's JSON body in this document; at least one. */
    public static Map<String, JsonNode> of(JsonNode document, String path, String method) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        document.path("paths").path(path).path(method).path("requestBody").path("content").path("application/json")
                .path("examples").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().path("value").deepCopy()));
        assertThat(out).as(method.toUpperCase() + " " + path + " shows an example").isNotEmpty();
        out.forEach((name, value) -> assertThat(value.isMissingNode()).as("example '%s' has a value", name).isFalse());
        return out;
    }

    /** The example of this name of the operation's JSON body in the served document. */
    public static JsonNode named(String path, String method, String name) {
        JsonNode value = of(path, method).get(name);
        assertThat(value).as("example '%s' of %s %s in the document", name, method, path).isNotNull();
        return value;
    }

    /** A copy with every property named in {@code values} (at any depth) set to its value (a real id, say). */
    public static JsonNode withProperties(JsonNode example, Map<String, ?> values) {
        JsonNode copy = example.deepCopy();
        replace(copy, values, new HashSet<>());
        return copy;
    }

    /** As {@link #withProperties}, and each property named must occur in the example. */
    public static JsonNode withEachProperty(JsonNode example, Map<String, ?> values) {
        JsonNode copy = example.deepCopy();
        Set<String> found = new HashSet<>();
        replace(copy, values, found);
        assertThat(found).as("properties of the example " + example).containsExactlyInAnyOrderElementsOf(values.keySet());
        return copy;
    }

    /** A copy with every uuid replaced by a new one (the same new one for each occurrence of a uuid). */
    public static JsonNode withFreshIds(JsonNode example) {
        return fresh(example.deepCopy(), new HashMap<>());
    }

    /**
     * The day the examples' story was written: the rules that compare with today (a term's end, a request's dates, a
     * contract ending at once) hold for the examples on it. Module tests that send the examples pin their clock to it;
     * a check on the real clock sends them {@link #movedOn moved on} to its today.
     */
    public static final java.time.LocalDate WRITTEN_ON = java.time.LocalDate.of(2026, 12, 1);

    private static final Pattern DAY_FIRST = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(T.*)?");
    private static final Pattern SCHOOL_YEAR = Pattern.compile("(\\d{4})-(\\d{2})");

    /**
     * A copy with every date, date-time and school year ({@code 2026-27}) moved on by the school years between
     * {@link #WRITTEN_ON}'s and {@code today}'s (a school year starts on July 1): the example stands to today's school
     * year as it stood to the one it was written in (sixteenth pass: the request example's end, 2029-06-30, would have
     * been refused as past from 2029-07-01 by the bad-input sweep, which runs on the real clock; counted in whole years
     * from December 1, a term ending "at the end of the current school year", 2027-06-30, was past from each July 1 to
     * November 30). A date within the school year stays where it was in it: the period example's offer deadline (March
     * 19) is past from March 20 to June 30. February 29 becomes the 28th where needed.
     */
    public static JsonNode movedOn(JsonNode example, java.time.LocalDate today) {
        int years = Math.max(0, schoolYearStart(today) - schoolYearStart(WRITTEN_ON));
        return years == 0 ? example.deepCopy() : moved(example.deepCopy(), years);
    }

    private static int schoolYearStart(java.time.LocalDate day) {
        return day.getMonthValue() >= 7 ? day.getYear() : day.getYear() - 1;
    }

    private static JsonNode moved(JsonNode node, int years) {
        return leaves(node, leaf -> movedLeaf(leaf, years));
    }

    private static JsonNode movedLeaf(JsonNode node, int years) {
        String text = node.isTextual() ? node.asText() : "";
        if (DAY_FIRST.matcher(text).matches()) {
            try {
                return TextNode.valueOf(java.time.LocalDate.parse(text.substring(0, 10)).plusYears(years) + text.substring(10));
            } catch (java.time.DateTimeException notADay) {
                return node;
            }
        }
        Matcher year = SCHOOL_YEAR.matcher(text);
        if (year.matches() && (Integer.parseInt(year.group(1)) + 1) % 100 == Integer.parseInt(year.group(2))) {
            int start = Integer.parseInt(year.group(1)) + years;
            return TextNode.valueOf(start + "-" + String.format("%02d", (start + 1) % 100));
        }
        return node;
    }

    /** The uuids in a JSON text, in order. */
    public static List<String> uuids(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = UUID_TEXT.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static void replace(JsonNode node, Map<String, ?> values, Set<String> found) {
        if (node instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (values.containsKey(name)) {
                    o.set(name, JSON.valueToTree(values.get(name)));
                    found.add(name);
                } else {
                    replace(o.get(name), values, found);
                }
            }
        } else if (node instanceof ArrayNode a) {
            a.forEach(e -> replace(e, values, found));
        }
    }

    private static JsonNode fresh(JsonNode node, Map<String, String> ids) {
        return leaves(node, leaf -> leaf.isTextual() && UUID_TEXT.matcher(leaf.asText()).matches()
                ? TextNode.valueOf(ids.computeIfAbsent(leaf.asText(), k -> UUID.randomUUID().toString())) : leaf);
    }

    /** The node with each value that is neither an object nor an array replaced by {@code change}'s, in place. */
    private static JsonNode leaves(JsonNode node, java.util.function.UnaryOperator<JsonNode> change) {
        if (node instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            names.forEach(f -> o.set(f, leaves(o.get(f), change)));
            return o;
        }
        if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, leaves(a.get(i), change));
            }
            return a;
        }
        return change.apply(node);
    }
}
