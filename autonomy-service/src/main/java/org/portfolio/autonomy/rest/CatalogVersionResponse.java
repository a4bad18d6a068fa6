package org.portfolio.autonomy.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.autonomy.domain.CatalogVersion;

import java.time.Instant;
import java.util.List;

@Schema(description = "A version of the decision catalog: who changed what, and (read one) its decisions",
        requiredProperties = {"version", "createdAt", "createdBy", "changeKind", "summary", "decisionCount"})
public record CatalogVersionResponse(
        int version, Instant createdAt, String createdBy,
        @Schema(description = "SEEDED (the first catalog), or a decision ADDED, EDITED or RETIRED", examples = "ADDED",
                enumeration = {"SEEDED", "ADDED", "EDITED", "RETIRED"}) String changeKind,
        @Schema(description = "The decision changed (absent for SEEDED)") String decisionCode, String summary,
        @Schema(description = "How many decisions the version has") long decisionCount,
        @Schema(description = "Its decisions (only when one version is read; absent in the list)") List<DecisionResponse> decisions) {

    static CatalogVersionResponse of(CatalogVersion v, long count, List<DecisionResponse> decisions) {
        return new CatalogVersionResponse(v.version, v.createdAt, v.createdBy, v.changeKind, v.decisionCode, v.summary,
                count, decisions);
    }
}
