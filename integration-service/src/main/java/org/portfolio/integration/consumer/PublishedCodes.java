package org.portfolio.integration.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Issue 15 at the change feed's door: a correction of student records and an integrity flag's resolution are published
 * with a code from a closed list, never the free text a person typed. An event published before (a late one on Kafka,
 * a replayed partition) still carries that text; the feed keeps it with the code instead, the way contracts-service
 * and autonomy-service read such events and integration-service's V5 rewrote the feed's stored copies:
 * <ul>
 *   <li>a {@code correction} (MetricResultRecorded, BenchmarkEvaluated; AutonomyRevoked/Reinstated
 *   {@code cause.correction}): {@code reasonCode} is kept if it is one of the closed list, anything else (absent, free
 *   text, code-shaped but unknown) is {@code OTHER}; the deprecated {@code reason} becomes that code;</li>
 *   <li>IntegrityFlagResolved: {@code resolutionCode} likewise, the deprecated {@code note} becomes it;</li>
 *   <li>a sentence quoting a correction as "(correction &lt;id&gt;: &lt;text&gt;)" (AutonomyRevoked/Reinstated
 *   {@code cause.description}, InterventionEscalated {@code reason}): the text becomes {@code OTHER} — exactly when the
 *   event's own correction names it, otherwise the sentence is cut from the quote on, as the text's end cannot be
 *   told.</li>
 * </ul>
 * The closed lists are the AsyncAPI document's enums (performance-service's CorrectionReasonCode and
 * IntegrityResolutionCode); the same lists are in V5__published_free_text_replaced_by_codes.sql.
 */
final class PublishedCodes {

    static final Set<String> REASONS = Set.of("DATA_ENTRY_ERROR", "SCORING_ERROR", "LATE_SUBMISSION", "SIS_MIGRATION",
            "DUPLICATE_RECORD", "SOURCE_RECORD_CHANGED", "WITHDRAWAL_RECORDED", "OTHER");
    static final Set<String> RESOLUTIONS = Set.of("EXPLAINED", "DATA_CORRECTED", "NO_ISSUE_FOUND", "REFERRED_FOR_REVIEW",
            "OTHER");

    static final String METRIC_RESULT_RECORDED = "portfolio.performance.MetricResultRecorded.v1";
    static final String INTEGRITY_FLAG_RESOLVED = "portfolio.performance.IntegrityFlagResolved.v1";
    static final String BENCHMARK_EVALUATED = "portfolio.contracts.BenchmarkEvaluated.v1";
    static final String INTERVENTION_ESCALATED = "portfolio.contracts.InterventionEscalated.v1";
    static final String AUTONOMY_REVOKED = "portfolio.autonomy.AutonomyRevoked.v1";
    static final String AUTONOMY_REINSTATED = "portfolio.autonomy.AutonomyReinstated.v1";

    /** A quote of a correction whose reason is not one of the codes: from there to the end of the text. */
    private static final Pattern FREE_TEXT_QUOTE = Pattern.compile(
            "\\(correction ([0-9a-fA-F-]{36}): (?!(?:" + String.join("|", REASONS) + ")\\)).*$", Pattern.DOTALL);

    private PublishedCodes() {
    }

    /**
     * The event's data with codes only; empty when it has nothing to change (then it is stored byte for byte as
     * published). Never changes {@code data}.
     */
    static Optional<ObjectNode> codesOnly(String type, JsonNode data) {
        if (type == null || data == null || !data.isObject()) {
            return Optional.empty();
        }
        ObjectNode out = data.deepCopy();
        boolean changed = switch (type) {
            case METRIC_RESULT_RECORDED, BENCHMARK_EVALUATED -> correction(out);
            case INTERVENTION_ESCALATED -> quote(out, "reason", null);
            case AUTONOMY_REVOKED, AUTONOMY_REINSTATED -> out.get("cause") instanceof ObjectNode cause && cause(cause);
            case INTEGRITY_FLAG_RESOLVED -> codes(out, "resolutionCode", "note", RESOLUTIONS);
            default -> false;
        };
        return changed ? Optional.of(out) : Optional.empty();
    }

    /** Cuts a free-text quote of a correction to its code OTHER; null stays null. */
    static String withoutFreeText(String text, JsonNode correction) {
        if (text == null) {
            return null;
        }
        String out = text;
        if (correction != null && correction.path("correctionId").isTextual() && correction.path("reason").isTextual()) {
            String id = correction.get("correctionId").asText();
            String reason = correction.get("reason").asText();
            if (!REASONS.contains(reason)) {
                out = out.replace("(correction " + id + ": " + reason + ")", "(correction " + id + ": OTHER)");
            }
        }
        return FREE_TEXT_QUOTE.matcher(out).replaceFirst("(correction $1: OTHER)");
    }

    /** An autonomy event's cause: the description first, while the correction still holds the text it quotes. */
    private static boolean cause(ObjectNode cause) {
        boolean description = quote(cause, "description", cause.get("correction"));
        boolean correction = correction(cause);
        return description || correction;
    }

    private static boolean correction(ObjectNode parent) {
        return parent.get("correction") instanceof ObjectNode c && codes(c, "reasonCode", "reason", REASONS);
    }

    private static boolean codes(ObjectNode node, String codeField, String textField, Set<String> codes) {
        JsonNode given = node.get(codeField);
        String code = given != null && given.isTextual() && codes.contains(given.asText()) ? given.asText() : "OTHER";
        boolean changed = false;
        if (given == null || !given.isTextual() || !given.asText().equals(code)) {
            node.put(codeField, code);
            changed = true;
        }
        JsonNode text = node.get(textField);
        if (text == null || !text.isTextual() || !text.asText().equals(code)) {
            node.put(textField, code);
            changed = true;
        }
        return changed;
    }

    private static boolean quote(ObjectNode node, String field, JsonNode correction) {
        JsonNode text = node.get(field);
        if (text == null || !text.isTextual()) {
            return false;
        }
        String cut = withoutFreeText(text.asText(), correction);
        if (cut.equals(text.asText())) {
            return false;
        }
        node.put(field, cut);
        return true;
    }
}
