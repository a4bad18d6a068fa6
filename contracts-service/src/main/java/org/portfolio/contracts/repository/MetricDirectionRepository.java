package org.portfolio.contracts.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.portfolio.contracts.domain.KnownMetricDirection;
import org.portfolio.contracts.domain.MetricDirection;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

@ApplicationScoped
public class MetricDirectionRepository implements PanacheRepositoryBase<KnownMetricDirection, String> {

    /** The known directions of these metric codes (a code not known yet is left out). */
    public Map<String, MetricDirection> of(Collection<String> codes) {
        Map<String, MetricDirection> out = new HashMap<>();
        if (codes.isEmpty()) {
            return out;
        }
        list("metricCode in ?1", codes).forEach(k -> out.put(k.metricCode, k.direction));
        return out;
    }
}
