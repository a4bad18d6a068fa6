package org.portfolio.platform.events.clients;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * DOWN until the client directory has caught up after start (the service would answer tokens with 503); UP from
 * then on, also while the broker is away (the directory keeps the last known state).
 */
@Readiness
@ApplicationScoped
public class ClientDirectoryHealthCheck implements HealthCheck {

    @Inject
    ClientDirectory directory;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("client-directory")
                .status(directory.ready())
                .withData("enabled", directory.enabled())
                .withData("clients", directory.size())
                .build();
    }
}
