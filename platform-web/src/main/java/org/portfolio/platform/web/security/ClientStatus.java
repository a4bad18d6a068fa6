package org.portfolio.platform.web.security;

import java.util.Optional;

/**
 * What a service knows of the API clients the gateway registered: whether a token of a client, issued in a given
 * token generation (the token's {@code gen} claim), is still good. platform-web asks it after SmallRye JWT has
 * verified a token's signature and expiry ({@link ClientRevocationAugmentor}); a module that follows the gateway's
 * client changes provides the one bean (platform-events: {@code ClientDirectory}), so that platform-web itself
 * needs no broker. Without such a bean every verified token is accepted, as before.
 *
 * <p>Calls come from the request path (an event-loop thread): answer from memory, never block.
 */
public interface ClientStatus {

    /**
     * Why tokens of this client and generation are no longer accepted, or empty when they are. A client this
     * service has not heard of (one registered a moment ago, a test token's subject) is accepted.
     */
    Optional<String> revokedBecause(String clientId, int generation);

    /**
     * False while this service does not know the clients' state yet (after start, until it has read every client
     * change published so far): token-authenticated requests are then answered 503, never accepted unchecked.
     */
    boolean ready();
}
