package org.portfolio.autonomy.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import org.portfolio.autonomy.domain.Decision;

import java.util.List;

@ApplicationScoped
public class DecisionRepository implements PanacheRepositoryBase<Decision, String> {

    /** Every decision ever defined, retired ones included. */
    public List<Decision> listInOrder() {
        return listAll(Sort.by("domain").and("code"));
    }

    public List<Decision> current() {
        return list("retiredInVersion is null order by domain, code");
    }
}
