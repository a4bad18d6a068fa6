package org.portfolio.platform.web;

import jakarta.enterprise.context.ApplicationScoped;
import org.portfolio.platform.web.security.SchoolScope;
import org.portfolio.platform.web.security.SchoolScopes;

import java.util.Optional;
import java.util.Set;

/**
 * The test application's client directory of school scopes: "scoped-client" acts for {@link CallerScopeTest#OWN},
 * "district-sis" for every school; "charter-commission" (OVERSIGHT) is an authorizer of
 * {@link CallerScopeTest#BODY}, whose one school is OWN; "board-office" (OVERSIGHT) names no body; every other client
 * is unknown; "late-client" is unknown until a request waits at least a second for it (its registration arriving
 * while the request waits), when it acts for OWN.
 */
@ApplicationScoped
public class StubSchoolScopes implements SchoolScopes {

    @Override
    public Optional<SchoolScope> scopeOf(String clientId) {
        return switch (clientId) {
            case "scoped-client" -> Optional.of(SchoolScope.of(Set.of(CallerScopeTest.OWN.toString())));
            case "district-sis" -> Optional.of(SchoolScope.ALL);
            case "charter-commission" -> Optional.of(new SchoolScope(false, Set.of(CallerScopeTest.OWN.toString()),
                    Set.of(CallerScopeTest.BODY.toString())));
            case "board-office", "sis-and-office" -> Optional.of(SchoolScope.NONE);
            default -> Optional.empty();
        };
    }

    @Override
    public Optional<SchoolScope> awaitScopeOf(String clientId, java.time.Duration max) {
        if ("late-client".equals(clientId) && max.compareTo(java.time.Duration.ofSeconds(1)) >= 0) {
            return Optional.of(SchoolScope.of(Set.of(CallerScopeTest.OWN.toString())));
        }
        return scopeOf(clientId);
    }
}
