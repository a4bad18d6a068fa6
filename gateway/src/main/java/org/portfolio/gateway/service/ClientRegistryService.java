package org.portfolio.gateway.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.portfolio.gateway.domain.ApiClient;
import org.portfolio.gateway.repository.ApiClientRepository;
import org.portfolio.platform.web.problem.FieldError;
import org.portfolio.platform.web.problem.ProblemException;
import org.portfolio.platform.web.security.Roles;

import java.util.List;
import java.util.Set;

/** The API client registry: who may ask for tokens, with which roles and school scope. */
@ApplicationScoped
@Transactional
public class ClientRegistryService {

    static final Set<String> SCOPED_ROLES = Set.of(Roles.SCHOOL_LEADER, Roles.SIS);

    @Inject
    ApiClientRepository clients;

    public ApiClient.Registration register(String name, Set<String> roles, Set<String> schools) {
        if (schools.isEmpty() && roles.stream().anyMatch(SCOPED_ROLES::contains)) {
            throw ProblemException.unprocessable("SCHOOL_LEADER and SIS clients act for named schools only",
                    new FieldError("schools", "required for SCHOOL_LEADER and SIS clients"));
        }
        ApiClient.Registration r = ApiClient.register(name, roles, schools);
        clients.persist(r.client());
        return r;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ApiClient> list() {
        return clients.listByName();
    }
}
