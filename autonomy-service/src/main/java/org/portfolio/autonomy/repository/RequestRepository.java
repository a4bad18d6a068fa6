package org.portfolio.autonomy.repository;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import org.portfolio.autonomy.domain.AutonomyDomain;
import org.portfolio.autonomy.domain.AutonomyRequest;
import org.portfolio.autonomy.domain.RequestStatus;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class RequestRepository implements PanacheRepositoryBase<AutonomyRequest, UUID> {

    public List<AutonomyRequest> openOfSchool(UUID schoolId) {
        return list("schoolId = ?1 and status in ?2 order by submittedAt", schoolId,
                List.of(RequestStatus.SUBMITTED, RequestStatus.UNDER_REVIEW));
    }

    public PanacheQuery<AutonomyRequest> search(Collection<UUID> schools, RequestStatus status, AutonomyDomain domain) {
        List<String> where = new ArrayList<>();
        Parameters p = new Parameters();
        if (schools != null) {
            where.add("schoolId in :schools");
            p.and("schools", schools);
        }
        if (status != null) {
            where.add("status = :status");
            p.and("status", status);
        }
        if (domain != null) {
            where.add("domain = :domain");
            p.and("domain", domain);
        }
        String q = (where.isEmpty() ? "" : String.join(" and ", where)) + " order by submittedAt desc, id";
        return where.isEmpty() ? find(q) : find(q, p);
    }
}
