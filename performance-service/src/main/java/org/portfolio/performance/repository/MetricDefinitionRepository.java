package org.portfolio.performance.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import org.portfolio.performance.domain.MetricDefinition;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class MetricDefinitionRepository implements PanacheRepositoryBase<MetricDefinition, String> {

    public List<MetricDefinition> listInOrder() {
        return listAll(Sort.by("category").and("code"));
    }

    /**
     * The definitions not announced yet (no MetricDefined event), oldest first, locked for this transaction; rows another
     * replica is announcing at the same moment are skipped (it announces them).
     */
    @SuppressWarnings("unchecked")
    public List<MetricDefinition> lockUnannounced() {
        List<String> codes = getEntityManager().createNativeQuery("select code from metric_definition"
                + " where defined_event_id is null order by created_at, code for update skip locked").getResultList();
        return codes.stream().map(this::findById).toList();
    }

    /** Every metric by code. */
    public Map<String, MetricDefinition> catalog() {
        Map<String, MetricDefinition> out = new LinkedHashMap<>();
        listInOrder().forEach(m -> out.put(m.code, m));
        return out;
    }
}
