package org.portfolio.contracts.rest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.portfolio.contracts.domain.HistoryEntry;
import org.portfolio.contracts.domain.HistoryKind;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

@Schema(description = "One entry of a school's or contract's history, oldest first",
        requiredProperties = {"seq", "at", "kind", "schoolId", "summary", "actor"})
public record HistoryEntryResponse(
        @Schema(description = "Position in the history (increasing)", examples = "42") long seq,
        Instant at, @Schema(examples = "INTERVENTION_CHANGED") HistoryKind kind, UUID schoolId, UUID contractId,
        @Schema(examples = "Intervention NONE → NOTICE_OF_CONCERN (escalated)") String summary,
        @Schema(description = "Client id of who decided, or \"system\"", examples = "system") String actor,
        @Schema(description = "Why, as the decider gave it (absent for entries without a reason, e.g. an evaluation)") String reason,
        @Schema(description = "When it takes effect (absent when it does not apply)") LocalDate effectiveDate,
        @Schema(description = "Id of the decision, version, evaluation or intervention change recorded") UUID refId,
        @Schema(type = SchemaType.OBJECT, description = "Where it came from: event id, evaluation id, benchmark id, … "
                + "(absent when the entry has no cause beyond its actor)")
        Map<String, Object> cause) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    static HistoryEntryResponse of(HistoryEntry h) {
        Map<String, Object> cause = null;
        if (h.cause != null) {
            try {
                cause = JSON.readValue(h.cause, OBJECT);
            } catch (Exception e) {
                // written by HistoryService from a map, so always an object; keep anything else readable
                cause = Map.of("text", h.cause);
            }
        }
        return new HistoryEntryResponse(h.seq, h.occurredAt, h.kind, h.schoolId, h.contractId, h.summary, h.actor,
                h.reason, h.effectiveDate, h.refId, cause);
    }
}
