package org.portfolio.platform.web.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Refuses to start a service (gateway, edfi-service, every service using {@link IngestOnlyClients}) whose configuration
 * names edfi-service's client otherwise than {@link IngestOnlyClients#EDFI_SERVICE_CLIENT}, or tries to change the
 * ingest-only clients or their operations (review of edfi5, M3): with the client id configured in three places, changing
 * two and not the third made an SIS of every school that no service restricted. The id and the operations are constants
 * now; these settings of earlier versions are accepted only when they say what the constants say.
 */
@ApplicationScoped
public class IngestOnlySettings {

    /** Settings that must name {@link IngestOnlyClients#EDFI_SERVICE_CLIENT} if set at all. */
    static final List<String> CLIENT_ID_SETTINGS = List.of("portfolio.gateway.bootstrap.edfi-client-id",
            "portfolio.edfi.service-client.id", "portfolio.security.ingest-only-clients");

    /** Settings that may not be set at all. */
    static final List<String> FIXED_SETTINGS = List.of("portfolio.security.ingest-only-operations");

    void onStart(@Observes StartupEvent e) {
        Config config = ConfigProvider.getConfig();
        List<String> problems = problems(name -> config.getOptionalValue(name, String.class));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start: " + String.join("; ", problems)
                    + " (docs/security.md T27: svc_edfi's id and its operations are fixed)");
        }
    }

    /** What is wrong with these settings (none: nothing). */
    public static List<String> problems(Function<String, Optional<String>> setting) {
        List<String> problems = new ArrayList<>();
        for (String name : CLIENT_ID_SETTINGS) {
            setting.apply(name).map(String::strip).filter(v -> !v.equals(IngestOnlyClients.EDFI_SERVICE_CLIENT))
                    .ifPresent(v -> problems.add(name + " is set to another value than "
                            + IngestOnlyClients.EDFI_SERVICE_CLIENT + " (it cannot be changed)"));
        }
        for (String name : FIXED_SETTINGS) {
            setting.apply(name).ifPresent(v -> problems.add(name + " is set (the ingest-only operations cannot be changed)"));
        }
        return problems;
    }
}
