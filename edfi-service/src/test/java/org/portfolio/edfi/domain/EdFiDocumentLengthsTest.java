package org.portfolio.edfi.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Lengths in Ed-Fi bodies count characters, as the document's maxLength does (nineteenth pass, hostile review). */
class EdFiDocumentLengthsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String WIDE = new String(Character.toChars(0x1F600));

    private static Map<String, List<String>> errors(ResourceType type, ObjectNode body) {
        try {
            EdFiDocument.of(type, body);
            return Map.of();
        } catch (EdFiDocument.Invalid e) {
            return e.errors();
        }
    }

    @Test
    void aScoreResultOf35WideCharactersIsWithinItsBound() throws Exception {
        ObjectNode body = (ObjectNode) JSON.readTree("{\"scoreResults\":[{\"assessmentReportingMethodDescriptor\":"
                + "\"uri://ed-fi.org/AssessmentReportingMethodDescriptor#Scale score\",\"result\":\"" + WIDE.repeat(35) + "\"}]}");
        assertThat(errors(ResourceType.STUDENT_ASSESSMENTS, body)).doesNotContainKey("$.scoreResults.result");
        body = (ObjectNode) JSON.readTree("{\"scoreResults\":[{\"assessmentReportingMethodDescriptor\":"
                + "\"uri://ed-fi.org/AssessmentReportingMethodDescriptor#Scale score\",\"result\":\"" + WIDE.repeat(36) + "\"}]}");
        assertThat(errors(ResourceType.STUDENT_ASSESSMENTS, body)).containsKey("$.scoreResults.result");
    }

    @Test
    void aDescriptorOf306CharactersIsReadInABodyAsInAQuery() throws Exception {
        String descriptor = "uri://" + "\u4e2d".repeat(249) + "#" + WIDE.repeat(50); // 255 + 1 + 50 characters
        ObjectNode body = (ObjectNode) JSON.readTree("{\"scoreResults\":[{\"assessmentReportingMethodDescriptor\":\""
                + descriptor + "\",\"result\":\"1\"}]}");
        assertThat(errors(ResourceType.STUDENT_ASSESSMENTS, body).keySet())
                .noneMatch(k -> k.contains("assessmentReportingMethodDescriptor"));
    }
}
