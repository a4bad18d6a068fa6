package org.portfolio.integration.service;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.portfolio.integration.domain.TargetAddresses;
import org.portfolio.platform.web.problem.FieldError;
import org.portfolio.platform.web.problem.ProblemException;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Server-side request forgery guard for webhook targets: http(s) only, no credentials in the URL, and the host's
 * addresses checked against {@link TargetAddresses} when the subscription is registered and again before every
 * delivery, which then connects to the address it checked (a name that re-resolves elsewhere gains nothing).
 */
@ApplicationScoped
public class TargetGuard {

    @Inject
    IntegrationConfig config;

    private TargetAddresses addresses;

    @PostConstruct
    void init() {
        addresses = new TargetAddresses(config.webhooks().allowPrivateTargets(),
                config.webhooks().allowedNetworks().orElse(List.of()));
    }

    /** Why a delivery may not go to this target right now, or the address to connect to. */
    public sealed interface Resolution permits Allowed, Refused, Unresolved {
    }

    public record Allowed(InetAddress address) implements Resolution {
    }

    public record Refused(String why) implements Resolution {
    }

    public record Unresolved(String why) implements Resolution {
    }

    /** The URL of a new subscription, checked; 422 {@code webhook-target-refused} saying why not. */
    public URI checkRegistration(String url) {
        URI uri = parse(url).orElseThrow(() -> refused("must be an absolute http or https URL without credentials or fragment"));
        Resolution r = resolve(uri);
        if (r instanceof Refused refused) {
            throw refused(refused.why());
        }
        if (r instanceof Unresolved unresolved) {
            throw refused(unresolved.why());
        }
        return uri;
    }

    /** Resolves the target's host now: every address it has must be allowed; the first is the one to connect to. */
    public Resolution resolve(URI uri) {
        InetAddress[] all;
        try {
            all = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            return new Unresolved("the host " + uri.getHost() + " does not resolve");
        }
        for (InetAddress a : all) {
            Optional<String> why = addresses.refusal(a);
            if (why.isPresent()) {
                return new Refused("the host " + uri.getHost() + " resolves to " + why.get()
                        + ", which webhooks may not reach (portfolio.integration.webhooks.allow-private-targets, allowed-networks)");
            }
        }
        return new Allowed(all[0]);
    }

    static Optional<URI> parse(String url) {
        if (url == null || url.length() > 2000) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                    || uri.getRawUserInfo() != null || uri.getRawFragment() != null || uri.getPort() > 65535) {
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static ProblemException refused(String why) {
        return new ProblemException(IntegrationProblems.TARGET_REFUSED, "The webhook URL was refused: " + why,
                List.of(new FieldError("url", why)), java.util.Map.of());
    }
}
