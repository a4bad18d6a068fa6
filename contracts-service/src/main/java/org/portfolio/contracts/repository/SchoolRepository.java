package org.portfolio.contracts.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.portfolio.contracts.domain.School;

import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class SchoolRepository implements PanacheRepositoryBase<School, UUID> {

    public Optional<School> findByDistrictCode(String code) {
        return find("districtCode", code).firstResultOptional();
    }

    public Optional<School> findByNcesId(String ncesId) {
        return find("ncesId", ncesId).firstResultOptional();
    }
}
