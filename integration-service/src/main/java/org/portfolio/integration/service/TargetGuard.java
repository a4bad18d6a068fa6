package org.portfolio.integration.service;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.portfolio.integration.domain.TargetAddresses;
import org.portfolio.platform.web.problem.FieldError;
import org.portfolio.platform.web.problem.ProblemException;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * Server-side request forgery guard for webhook targets: http(s) only, no credentials in the URL, and the host's
 * addresses checked against {@link TargetAddresses} when the subscription is registered and again before every
 * delivery, which then connects to the address it checked (a name that re-resolves elsewhere gains nothing).
 *
 * <p>Names are resolved on a pool of their own, one lookup per name at a time, and waited for at most
 * {@code dns-timeout}: a slow resolver fails that target's delivery ({@link Unresolved}, retried with back-off) instead
 * of holding the sender threads, and with them every other endpoint, past the claim's lease. A name's addresses are
 * reused for {@code dns-cache-ttl}; every address is checked again at each use.
 */
@ApplicationScoped
public class TargetGuard {

    /** Resolves a host name to its addresses (InetAddress.getAllByName; tests put a slow one in). */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    @Inject
    IntegrationConfig config;

    private TargetAddresses addresses;
    private volatile Resolver resolver = InetAddress::getAllByName;
    private Duration timeout;
    private Duration ttl;
    private LongSupplier clock = System::nanoTime;
    private ExecutorService lookups;
    /**
     * Registrations resolve on a pool of their own (smaller): a flood of registrations naming hosts whose name servers
     * never answer fills it and is refused at once, and leaves the deliveries' lookups alone (review finding: one
     * client's registrations took every resolver thread, and every tenant's deliveries failed as DNS errors).
     */
    private ExecutorService registrationLookups;
    static final int DELIVERY_LOOKUP_THREADS = 64;
    static final int REGISTRATION_LOOKUP_THREADS = 8;
    /**
     * Names resolved lately. Bounded (hostile review of 2026-12-05, sixth pass, M3: entries were put and never removed,
     * so registrations of ever new names under a wildcard record grew it without end): at the bound the expired
     * entries go, and if that is not enough the whole cache (it only saves lookups; every use still checks).
     */
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    static final int MAX_CACHED_NAMES = 4096;
    private final Map<String, CompletableFuture<InetAddress[]>> pending = new ConcurrentHashMap<>();

    private record Cached(InetAddress[] all, long until) {
    }

    @PostConstruct
    void init() {
        init(new TargetAddresses(config.webhooks().allowPrivateTargets(), config.webhooks().allowedNetworks().orElse(List.of())),
                InetAddress::getAllByName, config.webhooks().dnsTimeout(), config.webhooks().dnsCacheTtl());
    }

    /** Tests: resolve names with this from now on (a name server that never answers); the one before is returned. */
    public Resolver resolveWith(Resolver replacement) {
        Resolver before = resolver;
        resolver = replacement;
        cache.clear();
        return before;
    }

    /** A guard outside CDI (tests): these rules, this resolver, this timeout and cache lifetime. */
    public static TargetGuard of(TargetAddresses addresses, Resolver resolver, Duration timeout, Duration ttl) {
        TargetGuard g = new TargetGuard();
        g.init(addresses, resolver, timeout, ttl);
        return g;
    }

    private void init(TargetAddresses addresses, Resolver resolver, Duration timeout, Duration ttl) {
        this.addresses = addresses;
        this.resolver = resolver;
        this.timeout = timeout;
        this.ttl = ttl;
        // one lookup per name at a time (pending), so a pool grows only with names being resolved at once
        this.lookups = pool(DELIVERY_LOOKUP_THREADS, "webhook-dns");
        this.registrationLookups = pool(REGISTRATION_LOOKUP_THREADS, "webhook-dns-registration");
    }

    private static ExecutorService pool(int threads, String name) {
        return new ThreadPoolExecutor(0, threads, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void close() {
        if (lookups != null) {
            lookups.shutdownNow();
        }
        if (registrationLookups != null) {
            registrationLookups.shutdownNow();
        }
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
        Resolution r = resolve(uri, registrationLookups);
        if (r instanceof Refused refused) {
            throw refused(refused.why());
        }
        if (r instanceof Unresolved unresolved) {
            throw refused(unresolved.why());
        }
        return uri;
    }

    /**
     * Resolves the target's host (or takes its recent addresses): every address it has must be allowed; the first is
     * the one to connect to. Waits at most {@code dns-timeout}.
     */
    public Resolution resolve(URI uri) {
        return resolve(uri, lookups);
    }

    /**
     * The same without blocking (the delivery senders' threads: a name server that never answers held a sender thread
     * for the whole {@code dns-timeout} per slot, and one client's dead name server delayed every tenant's deliveries;
     * hostile review of 2026-12-05, sixth pass, M4): completes within {@code dns-timeout}, never exceptionally.
     */
    public CompletableFuture<Resolution> resolveAsync(URI uri) {
        String host = uri.getHost();
        return lookup(host, lookups).copy().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle((all, e) -> e == null ? judge(uri, all) : unresolved(host, e));
    }

    private Resolution resolve(URI uri, ExecutorService pool) {
        String host = uri.getHost();
        try {
            return judge(uri, lookup(host, pool).get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unresolved(host, e);
        } catch (ExecutionException e) {
            return unresolved(host, e.getCause());
        } catch (TimeoutException e) {
            return unresolved(host, e);
        }
    }

    private Resolution unresolved(String host, Throwable e) {
        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof TimeoutException || cause instanceof InterruptedException) {
            return new Unresolved("the host " + host + " did not resolve within " + timeout.toMillis() + " ms");
        }
        return new Unresolved("the host " + host + " does not resolve");
    }

    /** Every address the host has must be allowed; the first is the one to connect to. */
    private Resolution judge(URI uri, InetAddress[] all) {
        if (all == null || all.length == 0) {
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

    /**
     * The host's recent addresses, or its lookup: one at a time per name ({@code pending}), on the given pool. The
     * lookup is started outside the map's update (a full pool used to be answered inside {@code computeIfAbsent},
     * whose own map it then changed: ConcurrentHashMap's "Recursive update", a 500 for the registration).
     */
    private CompletableFuture<InetAddress[]> lookup(String host, ExecutorService pool) {
        Cached hit = cache.get(host);
        if (hit != null && hit.until() - clock.getAsLong() > 0) {
            return CompletableFuture.completedFuture(hit.all());
        }
        CompletableFuture<InetAddress[]> mine = new CompletableFuture<>();
        CompletableFuture<InetAddress[]> running = pending.putIfAbsent(host, mine);
        if (running != null) {
            return running;
        }
        try {
            pool.execute(() -> {
                try {
                    InetAddress[] found = resolver.resolve(host);
                    remember(host, found);
                    mine.complete(found);
                } catch (Throwable e) {
                    mine.completeExceptionally(e);
                } finally {
                    pending.remove(host, mine);
                }
            });
        } catch (RuntimeException e) { // the pool is full or shut down
            pending.remove(host, mine);
            mine.completeExceptionally(new UnknownHostException(host + ": no resolver thread free (" + e + ")"));
        }
        return mine;
    }

    private void remember(String host, InetAddress[] found) {
        long now = clock.getAsLong();
        if (cache.size() >= MAX_CACHED_NAMES) {
            cache.values().removeIf(c -> c.until() - now <= 0);
            if (cache.size() >= MAX_CACHED_NAMES) {
                cache.clear();
            }
        }
        cache.put(host, new Cached(found, now + ttl.toNanos()));
    }

    /** How many names are cached (tests). */
    int cachedNames() {
        return cache.size();
    }

    static Optional<URI> parse(String url) {
        if (url == null || url.codePointCount(0, url.length()) > 2000) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                    || uri.getRawUserInfo() != null || uri.getRawFragment() != null || uri.getPort() > 65535
                    || uri.getPort() == 0) {
                // port 0 was taken and delivered to port 80: not the address registered (twenty-fourth pass, N4)
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
