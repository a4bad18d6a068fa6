package org.portfolio.autonomy.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.portfolio.autonomy.domain.RequestStep;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class RequestStepRepository implements PanacheRepositoryBase<RequestStep, Long> {

    public List<RequestStep> ofRequest(UUID requestId) {
        return list("requestId = ?1 order by id", requestId);
    }
}
