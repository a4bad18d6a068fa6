package org.portfolio.platform.web.security;

import java.util.Optional;

/**
 * Where a service looks up the school scope a gateway token names by reference (claim {@code school_scope} =
 * {@value #BY_CLIENT}: the schools the client {@code sub} acts for now). Tokens stay small whatever the scope; a
 * change of the scope applies as soon as the service hears of it. A module that follows the gateway's client changes
 * provides the one bean (platform-events: {@code ClientDirectory}). Calls come from the request path: answer from
 * memory; only {@link #awaitScopeOf} may block, bounded.
 */
public interface SchoolScopes {

    /** Claim of the gateway's tokens that names the scope by reference. */
    String CLAIM = "school_scope";
    /** Its value: the scope of the token's client ({@code sub}) as registered now. */
    String BY_CLIENT = "client";

    /** The client's scope now; empty when this service has not heard of the client. */
    Optional<SchoolScope> scopeOf(String clientId);

    /**
     * The client's scope, waiting up to {@code max} for this service to hear of a client it does not know yet (one
     * registered a moment ago: its change is on its way). The one call allowed to block; only from a worker thread.
     */
    default Optional<SchoolScope> awaitScopeOf(String clientId, java.time.Duration max) {
        return scopeOf(clientId);
    }
}
