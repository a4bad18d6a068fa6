package org.portfolio.platform.web;

import jakarta.enterprise.context.ApplicationScoped;
import org.portfolio.platform.web.security.ClientStatus;

import java.util.Optional;

/**
 * The test application's client status: "disabled-client" is disabled, "rotated-client" is at token generation 2,
 * every other client is unknown (accepted). {@link #ready} is switched by the test.
 */
@ApplicationScoped
public class StubClientStatus implements ClientStatus {

    static volatile boolean ready = true;

    @Override
    public Optional<String> revokedBecause(String clientId, int generation) {
        if (clientId.equals("disabled-client")) {
            return Optional.of("the client is disabled");
        }
        if (clientId.equals("rotated-client") && generation < 2) {
            return Optional.of("the token was revoked (the client's secret or roles changed)");
        }
        return Optional.empty();
    }

    @Override
    public boolean ready() {
        return ready;
    }
}
