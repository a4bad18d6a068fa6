package org.portfolio.autonomy.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.autonomy.domain.AutonomyDomain;
import org.portfolio.autonomy.domain.CatalogEntry;
import org.portfolio.autonomy.domain.Decision;

@Schema(description = "A decision and the autonomy domain that covers it", requiredProperties = {"code", "domain", "name"})
public record DecisionResponse(@Schema(examples = "HIRE_TEACHERS") String code, AutonomyDomain domain,
                               @Schema(examples = "Hire teachers") String name, String description,
                               @Schema(description = "Catalog version that added it (absent in an older version's list)") Integer introducedInVersion,
                               @Schema(description = "Catalog version that retired it; absent while current")
                               Integer retiredInVersion) {

    static DecisionResponse of(Decision d) {
        return new DecisionResponse(d.code, d.domain, d.name, d.description, d.introducedInVersion, d.retiredInVersion);
    }

    static DecisionResponse of(CatalogEntry e) {
        return new DecisionResponse(e.key.code, e.domain, e.name, e.description, null, null);
    }
}
