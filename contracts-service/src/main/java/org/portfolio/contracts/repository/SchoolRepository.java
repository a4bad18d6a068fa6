package org.portfolio.contracts.repository;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.portfolio.contracts.domain.School;
import org.portfolio.contracts.domain.SchoolStatus;
import org.portfolio.contracts.domain.SchoolType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class SchoolRepository implements PanacheRepositoryBase<School, UUID> {

    /** Filters of the school directory; null means "any". {@code text} matches name or district code. */
    public record Filter(SchoolStatus status, SchoolType type, UUID oversightBodyId, String zone, String text) {
    }

    /**
     * The school, its row locked (FOR UPDATE) and its state read again: status decisions, contract activations and
     * incoming metric values of one school take this lock first, so none of them acts on a state another is changing
     * (review of 2026-12-05: a contract activated while its school closed stayed ACTIVE; a value that arrived during
     * an activation was never evaluated).
     */
    public Optional<School> lock(UUID id) {
        School s = findById(id);
        if (s == null) {
            return Optional.empty();
        }
        getEntityManager().refresh(s, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        return Optional.of(s);
    }

    public Optional<School> findByDistrictCode(String code) {
        return find("districtCode", code).firstResultOptional();
    }

    public Optional<School> findByNcesId(String ncesId) {
        return find("ncesId", ncesId).firstResultOptional();
    }

    public PanacheQuery<School> list(Filter f) {
        List<String> clauses = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (f.status() != null) {
            clauses.add("status = :status");
            params.put("status", f.status());
        }
        if (f.type() != null) {
            clauses.add("type = :type");
            params.put("type", f.type());
        }
        if (f.oversightBodyId() != null) {
            clauses.add("oversightBody.id = :body");
            params.put("body", f.oversightBodyId());
        }
        if (f.zone() != null) {
            clauses.add("lower(zone) = lower(:zone)");
            params.put("zone", f.zone());
        }
        if (f.text() != null) {
            clauses.add("(lower(name) like :text escape '\\' or lower(districtCode) like :text escape '\\')");
            params.put("text", "%" + f.text().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        String query = (clauses.isEmpty() ? "" : String.join(" and ", clauses)) + " order by name, id";
        return clauses.isEmpty() ? find("order by name, id") : find(query, params);
    }
}
