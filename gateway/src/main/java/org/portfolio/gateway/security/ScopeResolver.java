package org.portfolio.gateway.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.portfolio.gateway.domain.ApiClient;
import org.portfolio.gateway.domain.ClientScope;
import org.portfolio.gateway.repository.SchoolMembershipRepository;
import org.portfolio.platform.web.security.SchoolScope;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The schools a client's registered scope stands for now: the schools it names, and every school the gateway's
 * school registry copy places in one of the oversight bodies or zones it names; or every school. One query.
 */
@ApplicationScoped
public class ScopeResolver {

    @Inject
    SchoolMembershipRepository memberships;

    @Transactional(Transactional.TxType.SUPPORTS)
    public SchoolScope resolve(ApiClient c) {
        return resolve(c.scope());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public SchoolScope resolve(ClientScope scope) {
        if (scope.allSchools()) {
            return SchoolScope.ALL;
        }
        Set<String> schools = new LinkedHashSet<>(scope.schools());
        schools.addAll(memberships.schoolsOf(scope.oversightBodies(), scope.zones()));
        return new SchoolScope(false, schools, scope.oversightBodies());
    }
}
