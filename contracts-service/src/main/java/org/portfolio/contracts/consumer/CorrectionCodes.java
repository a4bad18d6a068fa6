package org.portfolio.contracts.consumer;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The closed lists of codes that performance-service publishes for a correction and for an integrity flag's resolution
 * (the AsyncAPI document's enums; issue 15): a code from an event is kept only if it is one of them, anything else is
 * read as OTHER, so that a code-shaped string (a forged event, a producer's bug) that is really a name is never copied.
 * Texts heard from autonomy events published before issue 15 may quote a correction's free-text reason as
 * "(correction &lt;id&gt;: &lt;reason&gt;)": {@link #withoutFreeText} cuts such a quote to the code OTHER.
 */
final class CorrectionCodes {

    static final Set<String> REASONS = Set.of("DATA_ENTRY_ERROR", "SCORING_ERROR", "LATE_SUBMISSION", "SIS_MIGRATION",
            "DUPLICATE_RECORD", "SOURCE_RECORD_CHANGED", "WITHDRAWAL_RECORDED", "OTHER");
    static final Set<String> RESOLUTIONS = Set.of("EXPLAINED", "DATA_CORRECTED", "NO_ISSUE_FOUND", "REFERRED_FOR_REVIEW",
            "OTHER");

    /** A quote of a correction whose reason is not one of the codes: from there to the end of the text. */
    private static final Pattern FREE_TEXT_QUOTE = Pattern.compile(
            "\\(correction ([0-9a-fA-F-]{36}): (?!(?:" + String.join("|", REASONS) + ")\\)).*$", Pattern.DOTALL);

    private CorrectionCodes() {
    }

    static String reason(String code) {
        return code != null && REASONS.contains(code) ? code : "OTHER";
    }

    static String resolution(String code) {
        return code != null && RESOLUTIONS.contains(code) ? code : "OTHER";
    }

    static String withoutFreeText(String text) {
        return text == null ? null : FREE_TEXT_QUOTE.matcher(text).replaceFirst("(correction $1: OTHER)");
    }
}
