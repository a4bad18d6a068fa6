package org.portfolio.contracts.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import jakarta.enterprise.context.ApplicationScoped;
import org.portfolio.contracts.domain.HistoryEntry;

import java.util.UUID;

@ApplicationScoped
public class HistoryRepository implements PanacheRepositoryBase<HistoryEntry, Long> {

    public PanacheQuery<HistoryEntry> forSchool(UUID schoolId) {
        return find("schoolId = ?1 order by seq", schoolId);
    }

    public PanacheQuery<HistoryEntry> forContract(UUID contractId) {
        return find("contractId = ?1 order by seq", contractId);
    }
}
