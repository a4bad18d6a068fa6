package org.portfolio.edfi.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An Ed-Fi document as posted, checked against what the door relies on (its natural key and the fields the derivation
 * reads, with Ed-Fi's bounds), with the columns copied out of it: the Ed-Fi school (none for an assessment; a student
 * assessment's reported school, when given), the school year and the student. Every broken rule is one entry of
 * {@link Invalid#errors()}, keyed by the JSON path as Ed-Fi writes it ({@code $.schoolReference.schoolId}); no
 * message repeats a value of the body. Other fields are kept as posted.
 */
public record EdFiDocument(ResourceType type, ObjectNode body, String naturalKey, Long schoolId, Integer schoolYear,
                           String studentUniqueId) {

    /** The server's own fields, never stored from a body. */
    static final List<String> SERVER_FIELDS = List.of("id", "_etag", "_lastModifiedDate", "link");
    private static final Pattern STUDENT_ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,32}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final long MAX_EDORG_ID = 999_999_999_999L;
    /** Ed-Fi's datetime as JSON carries it (administrationDate): a date, optionally a time and an offset. */
    public static final String DATE_TIME_PATTERN =
            "^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,7})?)?(Z|[+-]\\d{2}:\\d{2})?)?$";
    private static final Pattern DATE_TIME = Pattern.compile(DATE_TIME_PATTERN);
    /** The longest session, in days (beginDate and endDate included): a school year. */
    static final int MAX_SESSION_DAYS = 366;
    private static final String SCHOOL_YEAR_WINDOW = " must fall within the session's school year: from 1 April of the "
            + "calendar year before schoolYear to 30 September of schoolYear (July to June, with three months either side "
            + "for summer sessions).";

    /**
     * Whether a session's date may belong to an Ed-Fi school year (the calendar year it ends: 2025 is 2024-25): July
     * to June, widened by three months either side for summer sessions, so from 1 April of the year before to 30
     * September of the year itself.
     */
    public static boolean withinSchoolYear(LocalDate d, int schoolYear) {
        return !d.isBefore(LocalDate.of(schoolYear - 1, 4, 1)) && !d.isAfter(LocalDate.of(schoolYear, 9, 30));
    }

    /** Collections of a document the derivation reads (scores, performance levels, subjects): at most this many entries. */
    static final int MAX_ENTRIES = 100;

    /** The document broke these rules (JSON path → messages). */
    public static final class Invalid extends RuntimeException {
        private final Map<String, List<String>> errors;

        public Invalid(Map<String, List<String>> errors) {
            super("invalid Ed-Fi document", null, false, false);
            this.errors = errors;
        }

        public Map<String, List<String>> errors() {
            return errors;
        }
    }

    public static EdFiDocument of(ResourceType type, JsonNode json) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (json == null || !json.isObject()) {
            errors.put("$", List.of("The request body must be a JSON object."));
            throw new Invalid(errors);
        }
        String bad = unacceptableText(json, "$");
        if (bad != null) {
            errors.put(bad, List.of("Text must not hold a NUL character or an unpaired surrogate."));
            throw new Invalid(errors);
        }
        String huge = unacceptableNumber(json, "$", 0);
        if (huge != null) {
            errors.put(huge, List.of("Numbers must have at most " + MAX_NUMBER_DIGITS + " digits before and "
                    + MAX_NUMBER_DIGITS + " after the decimal point."));
            throw new Invalid(errors);
        }
        ObjectNode body = ((ObjectNode) json).deepCopy();
        body.remove(SERVER_FIELDS);
        withoutNulls(body);
        List<Object> keyValues = new ArrayList<>();
        Long schoolId = null;
        Integer schoolYear = null;
        String student = null;
        for (ResourceType.KeyField k : type.key()) {
            Object v = value(body, k.path(), k.kind(), true, errors);
            keyValues.add(v);
            if (v == null) {
                continue;
            }
            switch (k.param()) {
                case "schoolId" -> schoolId = (Long) v;
                case "schoolYear" -> schoolYear = (Integer) v;
                case "studentUniqueId" -> student = (String) v;
                default -> { }
            }
        }
        switch (type) {
            case SCHOOLS -> text(body, List.of("nameOfInstitution"), 75, true, errors);
            case SESSIONS -> {
                LocalDate begin = (LocalDate) value(body, List.of("beginDate"), ResourceType.FieldKind.DATE, true, errors);
                LocalDate end = (LocalDate) value(body, List.of("endDate"), ResourceType.FieldKind.DATE, true, errors);
                if (begin != null && end != null && end.isBefore(begin)) {
                    add(errors, "$.endDate", "endDate must not be before beginDate.");
                } else if (begin != null && end != null && ChronoUnit.DAYS.between(begin, end) >= MAX_SESSION_DAYS) {
                    add(errors, "$.endDate", "A session lasts at most " + MAX_SESSION_DAYS + " days, beginDate and endDate included.");
                }
                // within its school year (review of 2026-12-06: a session of 2000-01-01 to 9999-12-31 stalled the deriver)
                if (schoolYear != null && begin != null && !withinSchoolYear(begin, schoolYear)) {
                    add(errors, "$.beginDate", "beginDate" + SCHOOL_YEAR_WINDOW);
                }
                if (schoolYear != null && end != null && !withinSchoolYear(end, schoolYear)) {
                    add(errors, "$.endDate", "endDate" + SCHOOL_YEAR_WINDOW);
                }
                value(body, List.of("termDescriptor"), ResourceType.FieldKind.DESCRIPTOR, true, errors);
                whole(body, List.of("totalInstructionalDays"), 0, 366, true, errors);
            }
            case STUDENT_SCHOOL_ASSOCIATIONS -> {
                value(body, List.of("entryGradeLevelDescriptor"), ResourceType.FieldKind.DESCRIPTOR, true, errors);
                LocalDate exit = (LocalDate) value(body, List.of("exitWithdrawDate"), ResourceType.FieldKind.DATE, false, errors);
                LocalDate entry = keyValues.get(0) instanceof LocalDate d ? d : null;
                if (exit != null && entry != null && exit.isBefore(entry)) {
                    add(errors, "$.exitWithdrawDate", "exitWithdrawDate must not be before entryDate.");
                }
                if (body.has("schoolYearTypeReference")) {
                    value(body, List.of("schoolYearTypeReference", "schoolYear"), ResourceType.FieldKind.SCHOOL_YEAR, true, errors);
                }
            }
            case STUDENT_SCHOOL_ATTENDANCE_EVENTS -> {
                JsonNode sessionSchool = at(body, List.of("sessionReference", "schoolId"));
                if (sessionSchool != null && !sessionSchool.isNull() && schoolId != null
                        && !(sessionSchool.canConvertToExactIntegral() && sessionSchool.isIntegralNumber() && sessionSchool.asLong() == schoolId)) {
                    add(errors, "$.sessionReference.schoolId", "sessionReference.schoolId must be the schoolReference's schoolId.");
                }
                duration(body, errors);
            }
            case ASSESSMENTS -> {
                text(body, List.of("assessmentTitle"), 255, true, errors);
                descriptors(body, "academicSubjects", "academicSubjectDescriptor", errors);
                descriptors(body, "assessedGradeLevels", "gradeLevelDescriptor", errors);
                descriptors(body, "scores", "assessmentReportingMethodDescriptor", errors);
                descriptors(body, "performanceLevels", "performanceLevelDescriptor", errors);
                descriptors(body, "performanceLevels", "assessmentReportingMethodDescriptor", errors);
                scoreRange(body, "scores", errors);
                scoreRange(body, "performanceLevels", errors);
            }
            case STUDENT_ASSESSMENTS -> {
                if (body.hasNonNull("reportedSchoolReference")) {
                    schoolId = (Long) value(body, List.of("reportedSchoolReference", "schoolId"), ResourceType.FieldKind.EDORG_ID, true, errors);
                }
                if (body.hasNonNull("schoolYearTypeReference")) {
                    schoolYear = (Integer) value(body, List.of("schoolYearTypeReference", "schoolYear"), ResourceType.FieldKind.SCHOOL_YEAR, true, errors);
                }
                LocalDate administered = administrationDate(body, errors);
                if (schoolYear == null && administered != null && !errors.containsKey("$.schoolYearTypeReference.schoolYear")) {
                    schoolYear = administered.getMonthValue() >= 7 ? administered.getYear() + 1 : administered.getYear();
                    if (schoolYear < 1991 || schoolYear > 2100) {
                        add(errors, "$.administrationDate", "administrationDate must fall in a school year from 1991 to 2100.");
                    }
                }
                if (schoolYear == null && !errors.containsKey("$.schoolYearTypeReference.schoolYear") && !errors.containsKey("$.administrationDate")) {
                    add(errors, "$.schoolYearTypeReference.schoolYear", "schoolYear (or administrationDate) is required: the suite's "
                            + "assessment records are per school year.");
                }
                value(body, List.of("whenAssessedGradeLevelDescriptor"), ResourceType.FieldKind.DESCRIPTOR, false, errors);
                value(body, List.of("reasonNotTestedDescriptor"), ResourceType.FieldKind.DESCRIPTOR, false, errors);
                descriptors(body, "performanceLevels", "performanceLevelDescriptor", errors);
                descriptors(body, "performanceLevels", "assessmentReportingMethodDescriptor", errors);
                descriptors(body, "scoreResults", "assessmentReportingMethodDescriptor", errors);
                for (ObjectNode r : entries(body, "scoreResults", errors)) {
                    JsonNode result = r.get("result");
                    if (result == null || !result.isTextual() || result.asText().isEmpty() || Descriptor.characters(result.asText()) > 35) {
                        add(errors, "$.scoreResults.result", "result must be text of 1 to 35 characters.");
                        break;
                    }
                }
            }
            default -> { }
        }
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
        ArrayNode key = JsonNodeFactory.instance.arrayNode();
        keyValues.forEach(v -> key.add(v.toString()));
        return new EdFiDocument(type, body, key.toString(), schoolId, schoolYear, student);
    }

    /**
     * A field sent as null is a field not sent (the suite's rule for absent values, docs/api-conventions.md): removed
     * before anything is read or stored, in objects at any depth, so that no answer echoes a null where the document
     * declares a value (fifteenth pass: {@code "scores": null} was stored and answered back, breaking the document).
     */
    private static void withoutNulls(ObjectNode node) {
        for (java.util.Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            JsonNode v = it.next().getValue();
            if (v.isNull()) {
                it.remove();
            } else if (v instanceof ObjectNode o) {
                withoutNulls(o);
            } else if (v.isArray()) {
                v.forEach(e -> {
                    if (e instanceof ObjectNode o) {
                        withoutNulls(o);
                    }
                });
            }
        }
    }

    /**
     * An assessment's score ranges ({@code minimumScore}, {@code maximumScore} of its scores and performance levels):
     * text of at most 35 characters as the document says (fifteenth pass: an object, an array or 36 characters were
     * stored, found when the bad-input sweep started from the document's example), and, when both bounds are numbers,
     * the minimum not above the maximum (twenty-fifth pass, N3 of the twenty-fourth's outside review: "950" to "100" was
     * stored, and bounded nothing). Bounds that are not numbers (letter grades) are stored as posted.
     */
    private static void scoreRange(ObjectNode body, String collection, Map<String, List<String>> errors) {
        for (ObjectNode entry : entries(body, collection)) { // a malformed collection: descriptors() said so
            boolean text = true;
            for (String field : List.of("minimumScore", "maximumScore")) {
                JsonNode v = entry.get(field);
                if (v != null && !v.isNull() && (!v.isTextual() || Descriptor.characters(v.asText()) > 35)) {
                    add(errors, "$." + collection + "." + field, field + " must be text of at most 35 characters.");
                    text = false;
                }
            }
            if (text && AssessmentDerivation.contradicts(entry.path("minimumScore").asText(null),
                    entry.path("maximumScore").asText(null))) {
                add(errors, "$." + collection + ".minimumScore", "minimumScore must not be above maximumScore.");
            }
        }
    }

    /** The value of a field of this kind, or null (with an error when it is required or malformed). */
    static Object value(ObjectNode body, List<String> path, ResourceType.FieldKind kind, boolean required,
                        Map<String, List<String>> errors) {
        String p = "$." + String.join(".", path);
        String name = path.get(path.size() - 1);
        JsonNode n = at(body, path);
        if (n == null || n.isNull()) {
            if (required) {
                add(errors, p, name + " is required.");
            }
            return null;
        }
        return switch (kind) {
            case EDORG_ID -> {
                if (!n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < 1 || n.asLong() > MAX_EDORG_ID) {
                    add(errors, p, name + " must be a whole number from 1 to " + MAX_EDORG_ID + ".");
                    yield null;
                }
                yield n.asLong();
            }
            case SCHOOL_YEAR -> {
                if (!n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() < 1991 || n.asInt() > 2100) {
                    add(errors, p, name + " must be a school year from 1991 to 2100 (the calendar year in which it ends).");
                    yield null;
                }
                yield n.asInt();
            }
            case NAME -> text(body, path, 60, required, errors);
            case DATE -> {
                if (!n.isTextual() || !DATE.matcher(n.asText()).matches()) {
                    add(errors, p, name + " must be a date (yyyy-MM-dd).");
                    yield null;
                }
                try {
                    yield LocalDate.parse(n.asText());
                } catch (DateTimeParseException e) {
                    add(errors, p, name + " must be a date (yyyy-MM-dd).");
                    yield null;
                }
            }
            case NAMESPACE -> text(body, path, Descriptor.MAX_NAMESPACE, required, errors);
            case DESCRIPTOR -> {
                Descriptor d = n.isTextual() && n.asText().length() <= 2 * 306 ? Descriptor.parse(n.asText()) : null; // 306 characters
                if (d == null) {
                    add(errors, p, name + " must be a descriptor URI: namespace#CodeValue (namespace up to 255, code value up to 50 characters).");
                    yield null;
                }
                yield d.uri();
            }
            case STUDENT_ID -> {
                if (!n.isTextual() || !STUDENT_ID.matcher(n.asText()).matches()) {
                    add(errors, p, name + " must be 1 to 32 letters, digits or . _ : - characters.");
                    yield null;
                }
                yield n.asText();
            }
        };
    }

    private static String text(ObjectNode body, List<String> path, int max, boolean required, Map<String, List<String>> errors) {
        String p = "$." + String.join(".", path);
        String name = path.get(path.size() - 1);
        JsonNode n = at(body, path);
        if (n == null || n.isNull()) {
            if (required) {
                add(errors, p, name + " is required.");
            }
            return null;
        }
        if (!n.isTextual() || n.asText().isBlank() || Descriptor.characters(n.asText()) > max || !n.asText().strip().equals(n.asText())) {
            add(errors, p, name + " must be text of 1 to " + max + " characters without leading or trailing spaces.");
            return null;
        }
        return n.asText();
    }

    private static void whole(ObjectNode body, List<String> path, int min, int max, boolean required, Map<String, List<String>> errors) {
        String p = "$." + String.join(".", path);
        String name = path.get(path.size() - 1);
        JsonNode n = at(body, path);
        if (n == null || n.isNull()) {
            if (required) {
                add(errors, p, name + " is required.");
            }
            return;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() < min || n.asInt() > max) {
            add(errors, p, name + " must be a whole number from " + min + " to " + max + ".");
        }
    }

    /**
     * The entries of a collection (an array of objects, at most {@link #MAX_ENTRIES}); none when it is absent. A
     * malformed collection is an error and no entries.
     */
    public static List<ObjectNode> entries(JsonNode body, String collection, Map<String, List<String>> errors) {
        JsonNode n = body.get(collection);
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (!n.isArray() || n.size() > MAX_ENTRIES) {
            add(errors, "$." + collection, collection + " must be an array of at most " + MAX_ENTRIES + " objects.");
            return List.of();
        }
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode e : n) {
            if (!e.isObject()) {
                add(errors, "$." + collection, collection + " must be an array of at most " + MAX_ENTRIES + " objects.");
                return List.of();
            }
            out.add((ObjectNode) e);
        }
        return out;
    }

    /** The entries of a collection that the caller has validated: never an error. */
    public static List<ObjectNode> entries(JsonNode body, String collection) {
        return entries(body, collection, new LinkedHashMap<>());
    }

    /** Each entry of the collection must carry this descriptor (Ed-Fi requires it in every collection the suite reads). */
    private static void descriptors(ObjectNode body, String collection, String field, Map<String, List<String>> errors) {
        for (ObjectNode e : entries(body, collection, errors)) {
            Map<String, List<String>> one = new LinkedHashMap<>();
            value(e, List.of(field), ResourceType.FieldKind.DESCRIPTOR, true, one);
            if (!one.isEmpty()) {
                add(errors, "$." + collection + "." + field, field + " of each " + collection + " entry must be a descriptor URI: namespace#CodeValue.");
                return;
            }
        }
    }

    /** administrationDate (optional): the date part of an Ed-Fi datetime. */
    private static LocalDate administrationDate(ObjectNode body, Map<String, List<String>> errors) {
        JsonNode n = body.get("administrationDate");
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isTextual() && n.asText().length() <= 40 && DATE_TIME.matcher(n.asText()).matches()) {
            try {
                // the time and offset must be real ones too (25:99 is not)
                return n.asText().length() == 10 ? LocalDate.parse(n.asText())
                        : java.time.format.DateTimeFormatter.ISO_DATE_TIME.parse(n.asText(), LocalDate::from);
            } catch (DateTimeParseException e) {
                // answered below
            }
        }
        add(errors, "$.administrationDate", "administrationDate must be a date and time (yyyy-MM-ddTHH:mm:ss, optionally with an offset).");
        return null;
    }

    /** The date a student assessment was administered, or null. */
    public static LocalDate administrationDateOf(JsonNode body) {
        JsonNode n = body.get("administrationDate");
        return n == null || !n.isTextual() || n.asText().length() < 10 ? null : LocalDate.parse(n.asText().substring(0, 10));
    }

    /** eventDuration: Ed-Fi's decimal(3,2), 0 to 1 day; checked on its scale before any arithmetic. */
    private static void duration(ObjectNode body, Map<String, List<String>> errors) {
        JsonNode n = body.get("eventDuration");
        if (n == null || n.isNull()) {
            return;
        }
        if (!n.isNumber()) {
            add(errors, "$.eventDuration", "eventDuration must be a number from 0 to 1 with at most 2 decimals.");
            return;
        }
        BigDecimal v = n.decimalValue().stripTrailingZeros();
        if (v.scale() > 2 || v.precision() - v.scale() > 1 || v.signum() < 0 || v.compareTo(BigDecimal.ONE) > 0) {
            add(errors, "$.eventDuration", "eventDuration must be a number from 0 to 1 with at most 2 decimals.");
        }
    }

    /** The JSON path of the first name or string that PostgreSQL cannot store (NUL, unpaired surrogate), or null. */
    /** Digits a number may have on either side of the decimal point, in any field. */
    static final int MAX_NUMBER_DIGITS = 30;

    /**
     * The path of a number too large or too fine to store, or null. The body's text limits a number to 100 characters,
     * but {@code 1e131071} is 9: PostgreSQL keeps it in jsonb and prints it with 131,072 digits whenever the document
     * is read back (a 64 KB body of them, about 900 MB), and even {@code 1e101} prints past what the service parses
     * again (review finding: a stored document that broke every read of it, the deriver and the administrator's writes).
     */
    static String unacceptableNumber(JsonNode n, String path, int depth) {
        if (n.isBigDecimal() || n.isBigInteger()) {
            java.math.BigDecimal d = n.decimalValue();
            return d.precision() - d.scale() > MAX_NUMBER_DIGITS || d.scale() > MAX_NUMBER_DIGITS ? path : null;
        }
        if (n.isFloatingPointNumber() && !Double.isFinite(n.doubleValue())) {
            return path;
        }
        if (depth > 100 || !n.isContainerNode()) {
            return null;
        }
        if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                String bad = unacceptableNumber(n.get(i), path + "[" + i + "]", depth + 1);
                if (bad != null) {
                    return bad;
                }
            }
            return null;
        }
        var fields = n.fields();
        while (fields.hasNext()) {
            var f = fields.next();
            String bad = unacceptableNumber(f.getValue(), path + "." + f.getKey(), depth + 1);
            if (bad != null) {
                return bad;
            }
        }
        return null;
    }

    static String unacceptableText(JsonNode n, String path) {
        if (n.isTextual()) {
            return acceptable(n.asText()) ? null : path;
        }
        if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                String bad = unacceptableText(n.get(i), path + "[" + i + "]");
                if (bad != null) {
                    return bad;
                }
            }
        }
        if (n.isObject()) {
            var fields = n.fields();
            while (fields.hasNext()) {
                var f = fields.next();
                if (!acceptable(f.getKey())) {
                    return path;
                }
                String bad = unacceptableText(f.getValue(), path + "." + f.getKey());
                if (bad != null) {
                    return bad;
                }
            }
        }
        return null;
    }

    private static boolean acceptable(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\u0000') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    public static BigDecimal durationOf(JsonNode body) {
        JsonNode n = body.get("eventDuration");
        return n == null || n.isNull() || !n.isNumber() ? null : n.decimalValue();
    }

    static JsonNode at(JsonNode body, List<String> path) {
        JsonNode n = body;
        for (String s : path) {
            if (n == null || !n.isObject()) {
                return null;
            }
            n = n.get(s);
        }
        return n;
    }

    private static void add(Map<String, List<String>> errors, String path, String message) {
        List<String> messages = errors.computeIfAbsent(path, x -> new ArrayList<>());
        if (!messages.contains(message)) {
            messages.add(message);
        }
    }
}
