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

    /** Every metric by code. */
    public Map<String, MetricDefinition> catalog() {
        Map<String, MetricDefinition> out = new LinkedHashMap<>();
        listInOrder().forEach(m -> out.put(m.code, m));
        return out;
    }
}
