package org.portfolio.performance.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import org.portfolio.performance.domain.School;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class SchoolRepository implements PanacheRepositoryBase<School, UUID> {

    /**
     * Every school's id and district code (null when it has none), read as plain values: an upload validates its rows
     * against them without putting the whole registry in its persistence context, where each flush of the upload's
     * transaction would dirty-check every school of the district.
     */
    public java.util.Map<UUID, String> directory() {
        java.util.Map<UUID, String> out = new java.util.HashMap<>();
        for (Object[] row : getEntityManager().createQuery("select s.id, s.districtCode from School s", Object[].class)
                .getResultList()) {
            out.put((UUID) row[0], (String) row[1]);
        }
        return out;
    }

    public List<School> listByName() {
        return listAll(Sort.by("name").and("id"));
    }
}
