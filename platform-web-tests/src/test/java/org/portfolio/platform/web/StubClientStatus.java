package org.portfolio.platform.web;

import jakarta.enterprise.context.ApplicationScoped;
import org.portfolio.platform.web.security.ClientStatus;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The test application's client status: "disabled-client" is disabled, "rotated-client" is at token generation 2,
 * every other client is unknown (accepted). {@link #ready} is switched by the test; so are {@link #disabled} (clients the
 * test disables) and {@link #generations} (clients the test rotates: their current token generation).
 */
@ApplicationScoped
public class StubClientStatus implements ClientStatus {

    static volatile boolean ready = true;
    static final Set<String> disabled = ConcurrentHashMap.newKeySet();
    static final Map<String, Integer> generations = new ConcurrentHashMap<>();

    @Override
    public Optional<String> revokedBecause(String clientId, int generation) {
        if (clientId.equals("disabled-client") || disabled.contains(clientId)) {
            return Optional.of("the client is disabled");
        }
        if (clientId.equals("rotated-client") && generation < 2) {
            return Optional.of("the token was revoked (the client's secret or roles changed)");
        }
        if (generation < generations.getOrDefault(clientId, 0)) {
            return Optional.of("the token was revoked (the client's secret or roles changed)");
        }
        return Optional.empty();
    }

    @Override
    public boolean ready() {
        return ready;
    }
}
