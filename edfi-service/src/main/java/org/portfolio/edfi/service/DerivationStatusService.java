package org.portfolio.edfi.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.portfolio.edfi.repository.MappingStore;
import org.portfolio.edfi.repository.PendingStore;
import org.portfolio.platform.web.security.Caller;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The derivation queue as readers see it: how far behind the derived records are, and what performance-service rejected. */
@ApplicationScoped
public class DerivationStatusService {

    @Inject
    PendingStore pending;

    @Inject
    MappingStore mappings;

    @Inject
    Caller caller;

    /** The queue the caller may see: all of it for a district-wide caller, else the records of Ed-Fi schools of its scope. */
    @Transactional
    public org.portfolio.edfi.domain.QueueStatus status() {
        return pending.status(scope());
    }

    /** The problems the caller may read: every one for a district-wide caller, else those of Ed-Fi schools of its scope. */
    @Transactional
    public List<org.portfolio.edfi.domain.DerivationProblem> problems(int offset, int limit) {
        return pending.problems(scope(), offset, limit);
    }

    /** The Ed-Fi schools mapped to schools of the caller's scope; null for a district-wide caller (every school). */
    private List<Long> scope() {
        if (caller.isDistrictWide()) {
            return null;
        }
        List<Long> schools = new ArrayList<>();
        for (Map.Entry<Long, UUID> e : mappings.schools().entrySet()) {
            if (caller.canAccessSchool(e.getValue())) {
                schools.add(e.getKey());
            }
        }
        return schools;
    }
}
