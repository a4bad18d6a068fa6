package org.portfolio.edfi.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.portfolio.edfi.domain.AssessmentKey;
import org.portfolio.edfi.domain.StudentYear;

/**
 * A record's key as the derivation queue stores it (a JSON array):
 * ATTENDANCE {@code [edfiSchoolId, schoolYear, studentUniqueId]},
 * ASSESSMENT {@code [namespace, assessmentIdentifier, studentUniqueId, schoolYear, edfiSchoolId]}.
 */
final class RecordKeys {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordKeys() {
    }

    static String key(StudentYear k) {
        return JSON.createArrayNode().add(k.schoolId()).add(k.schoolYear()).add(k.studentUniqueId()).toString();
    }

    static String key(AssessmentKey k) {
        return JSON.createArrayNode().add(k.namespace()).add(k.assessmentIdentifier()).add(k.studentUniqueId()).add(k.schoolYear())
                .add(k.schoolId()).toString();
    }

    static StudentYear studentYear(String key) {
        JsonNode a = array(key);
        return new StudentYear(a.get(0).asLong(), a.get(1).asInt(), a.get(2).asText());
    }

    /** Throws IllegalStateException for a key of another shape (the 4-element key of a version before V5). */
    static AssessmentKey assessmentKey(String key) {
        JsonNode a = array(key);
        if (a.size() != 5) {
            throw new IllegalStateException("queued assessment record key has " + a.size() + " elements, not 5");
        }
        return new AssessmentKey(a.get(0).asText(), a.get(1).asText(), a.get(2).asText(), a.get(3).asInt(), a.get(4).asLong());
    }

    /** The Ed-Fi school of a record's key (attendance: its first element, assessment: its fifth); null when unreadable. */
    static Long edfiSchoolOf(String kind, String key) {
        int at = Derivations.ATTENDANCE.equals(kind) ? 0 : 4;
        try {
            JsonNode a = JSON.readTree(key);
            return a.path(at).canConvertToLong() && a.path(at).isIntegralNumber() ? a.path(at).asLong() : null;
        } catch (JsonProcessingException | RuntimeException x) {
            return null;
        }
    }

    private static JsonNode array(String key) {
        try {
            JsonNode a = JSON.readTree(key);
            if (a == null || !a.isArray()) {
                throw new IllegalStateException("queued record key is not a JSON array");
            }
            return a;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("queued record key is not JSON", e);
        }
    }
}
