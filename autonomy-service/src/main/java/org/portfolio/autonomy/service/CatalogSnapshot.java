package org.portfolio.autonomy.service;

import org.portfolio.autonomy.domain.AutonomyDomain;
import org.portfolio.autonomy.domain.DecisionInfo;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The decision catalog as the rights check uses it: every code ever defined, and the current ones by domain. */
public record CatalogSnapshot(int version, Map<String, DecisionInfo> byCode,
                              Map<AutonomyDomain, List<DecisionInfo>> currentByDomain) {

    public static CatalogSnapshot of(int version, List<DecisionInfo> all) {
        Map<String, DecisionInfo> byCode = new java.util.HashMap<>();
        Map<AutonomyDomain, List<DecisionInfo>> byDomain = new EnumMap<>(AutonomyDomain.class);
        for (AutonomyDomain d : AutonomyDomain.values()) {
            byDomain.put(d, new ArrayList<>());
        }
        for (DecisionInfo d : all) {
            byCode.put(d.code(), d);
            if (!d.retired()) {
                byDomain.get(d.domain()).add(d);
            }
        }
        byDomain.replaceAll((k, v) -> List.copyOf(v));
        return new CatalogSnapshot(version, Map.copyOf(byCode), byDomain);
    }

    public DecisionInfo get(String code) {
        return byCode.get(code);
    }

    public List<DecisionInfo> current(AutonomyDomain domain) {
        return currentByDomain.get(domain);
    }
}
