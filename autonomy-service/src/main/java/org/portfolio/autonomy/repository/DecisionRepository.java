package org.portfolio.autonomy.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import org.portfolio.autonomy.domain.Decision;

import java.util.List;

@ApplicationScoped
public class DecisionRepository implements PanacheRepositoryBase<Decision, String> {

    public List<Decision> listInOrder() {
        return listAll(Sort.by("domain").and("code"));
    }
}
