package org.portfolio.platform.web;

import jakarta.enterprise.context.ApplicationScoped;
import org.portfolio.platform.web.security.SchoolScope;
import org.portfolio.platform.web.security.SchoolScopes;

import java.util.Optional;
import java.util.Set;

/**
 * The test application's client directory of school scopes: "scoped-client" acts for {@link CallerScopeTest#OWN},
 * "district-sis" for every school; every other client is unknown.
 */
@ApplicationScoped
public class StubSchoolScopes implements SchoolScopes {

    @Override
    public Optional<SchoolScope> scopeOf(String clientId) {
        return switch (clientId) {
            case "scoped-client" -> Optional.of(SchoolScope.of(Set.of(CallerScopeTest.OWN.toString())));
            case "district-sis" -> Optional.of(SchoolScope.ALL);
            default -> Optional.empty();
        };
    }
}
