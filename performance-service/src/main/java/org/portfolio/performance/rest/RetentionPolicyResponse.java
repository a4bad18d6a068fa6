package org.portfolio.performance.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.performance.domain.CorrectionKind;

@Schema(description = "How long one kind of student record is kept",
        requiredProperties = {"recordKind", "years", "purgesThrough"})
public record RetentionPolicyResponse(CorrectionKind recordKind,
                                      @Schema(description = "Kept this many years after the end of its school year (30 June)")
                                      int years,
                                      @Schema(description = "Today the purge deletes every school year up to this one", examples = "2020-21")
                                      String purgesThrough) {
}
