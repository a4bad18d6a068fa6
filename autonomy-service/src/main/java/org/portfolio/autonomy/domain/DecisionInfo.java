package org.portfolio.autonomy.domain;

/** A decision as the rights check sees it: code, domain, name, and the catalog version that retired it (if any). */
public record DecisionInfo(String code, AutonomyDomain domain, String name, Integer retiredInVersion) {

    public boolean retired() {
        return retiredInVersion != null;
    }
}
