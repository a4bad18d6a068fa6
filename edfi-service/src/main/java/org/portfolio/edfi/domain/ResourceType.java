package org.portfolio.edfi.domain;

import java.util.List;
import java.util.Optional;

/**
 * The Ed-Fi resources the door supports (phase 1 and 2; Data Standard 5.x, ODS/API {@code /data/v3/ed-fi/...}) and their natural keys: the
 * fields an upsert is matched on, which are also the list filters. A key field is a path into the document.
 */
public enum ResourceType {

    SCHOOLS("schools", 1, List.of(
            new KeyField("schoolId", List.of("schoolId"), FieldKind.EDORG_ID))),
    SESSIONS("sessions", 2, List.of(
            new KeyField("schoolId", List.of("schoolReference", "schoolId"), FieldKind.EDORG_ID),
            new KeyField("schoolYear", List.of("schoolYearTypeReference", "schoolYear"), FieldKind.SCHOOL_YEAR),
            new KeyField("sessionName", List.of("sessionName"), FieldKind.NAME))),
    STUDENT_SCHOOL_ASSOCIATIONS("studentSchoolAssociations", 3, List.of(
            new KeyField("entryDate", List.of("entryDate"), FieldKind.DATE),
            new KeyField("schoolId", List.of("schoolReference", "schoolId"), FieldKind.EDORG_ID),
            new KeyField("studentUniqueId", List.of("studentReference", "studentUniqueId"), FieldKind.STUDENT_ID))),
    STUDENT_SCHOOL_ATTENDANCE_EVENTS("studentSchoolAttendanceEvents", 4, List.of(
            new KeyField("attendanceEventCategoryDescriptor", List.of("attendanceEventCategoryDescriptor"), FieldKind.DESCRIPTOR),
            new KeyField("eventDate", List.of("eventDate"), FieldKind.DATE),
            new KeyField("schoolId", List.of("schoolReference", "schoolId"), FieldKind.EDORG_ID),
            new KeyField("schoolYear", List.of("sessionReference", "schoolYear"), FieldKind.SCHOOL_YEAR),
            new KeyField("sessionName", List.of("sessionReference", "sessionName"), FieldKind.NAME),
            new KeyField("studentUniqueId", List.of("studentReference", "studentUniqueId"), FieldKind.STUDENT_ID))),
    ASSESSMENTS("assessments", 2, List.of(
            new KeyField("assessmentIdentifier", List.of("assessmentIdentifier"), FieldKind.NAME),
            new KeyField("namespace", List.of("namespace"), FieldKind.NAMESPACE))),
    STUDENT_ASSESSMENTS("studentAssessments", 4, List.of(
            new KeyField("assessmentIdentifier", List.of("assessmentReference", "assessmentIdentifier"), FieldKind.NAME),
            new KeyField("namespace", List.of("assessmentReference", "namespace"), FieldKind.NAMESPACE),
            new KeyField("studentAssessmentIdentifier", List.of("studentAssessmentIdentifier"), FieldKind.NAME),
            new KeyField("studentUniqueId", List.of("studentReference", "studentUniqueId"), FieldKind.STUDENT_ID)));

    /** The kinds of values a field holds, with Ed-Fi's bounds. */
    public enum FieldKind {
        /** An education organization id (schoolId): a whole number, at most 12 digits. */
        EDORG_ID,
        /** A school year: the calendar year in which it ends (2022 = 2021-22). */
        SCHOOL_YEAR,
        /** A name of up to 60 characters. */
        NAME,
        /** A date, yyyy-MM-dd. */
        DATE,
        /** A descriptor URI, {@code namespace#CodeValue}. */
        DESCRIPTOR,
        /** A namespace URI of up to 255 characters (an assessment's namespace). */
        NAMESPACE,
        /** A studentUniqueId; letters, digits and {@code . _ : -} only, at most 32 (the suite's student id pattern). */
        STUDENT_ID
    }

    /** A field of the natural key: its query parameter name and where it is in the document. */
    public record KeyField(String param, List<String> path, FieldKind kind) {

        public String jsonPath() {
            return "$." + String.join(".", path);
        }
    }

    private final String path;
    private final int order;
    private final List<KeyField> key;

    ResourceType(String path, int order, List<KeyField> key) {
        this.path = path;
        this.order = order;
        this.key = key;
    }

    /** The resource's path segment under {@code /data/v3/ed-fi/}. */
    public String path() {
        return path;
    }

    /** Its place in Ed-Fi's dependency order (a resource is loaded after the ones it references). */
    public int order() {
        return order;
    }

    public List<KeyField> key() {
        return key;
    }

    public Optional<KeyField> keyField(String param) {
        return key.stream().filter(k -> k.param().equals(param)).findFirst();
    }

    public static Optional<ResourceType> byPath(String path) {
        for (ResourceType t : values()) {
            if (t.path.equals(path)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
