package org.portfolio.gateway.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import org.portfolio.gateway.domain.ApiClient;

import java.util.List;

@ApplicationScoped
public class ApiClientRepository implements PanacheRepositoryBase<ApiClient, String> {

    public List<ApiClient> listByName() {
        return listAll(Sort.by("name"));
    }
}
