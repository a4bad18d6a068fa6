package org.portfolio.performance.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import org.portfolio.performance.domain.MetricDefinition;

import java.util.List;

@ApplicationScoped
public class MetricDefinitionRepository implements PanacheRepositoryBase<MetricDefinition, String> {

    public List<MetricDefinition> listInOrder() {
        return listAll(Sort.by("category").and("code"));
    }
}
