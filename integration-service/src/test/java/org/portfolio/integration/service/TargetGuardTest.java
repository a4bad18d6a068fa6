package org.portfolio.integration.service;

import org.junit.jupiter.api.Test;
import org.portfolio.integration.domain.TargetAddresses;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Name resolution of webhook targets: bounded in time, one lookup per name at a time, cached briefly, and every
 * address checked against the forgery rules at each use (the cache never lets a refused address through).
 */
class TargetGuardTest {

    static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }

    /** "slow.example" hangs until released; "fast.example" answers at once; anything else does not resolve. */
    static final class Resolvers implements TargetGuard.Resolver {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger slowCalls = new AtomicInteger();
        final AtomicInteger fastCalls = new AtomicInteger();

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            switch (host) {
                case "slow.example" -> {
                    slowCalls.incrementAndGet();
                    try {
                        release.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return new InetAddress[] {ip("93.184.216.34")};
                }
                case "fast.example" -> {
                    fastCalls.incrementAndGet();
                    return new InetAddress[] {ip("93.184.216.35")};
                }
                case "mixed.example" -> {
                    return new InetAddress[] {ip("93.184.216.36"), ip("10.0.0.7")};
                }
                default -> throw new UnknownHostException(host);
            }
        }
    }

    /**
     * A name server that never answers for these names: each lookup is counted and waits until released, then fails;
     * any other name resolves to {@code otherwise}.
     */
    static TargetGuard.Resolver hangingFor(java.util.function.Predicate<String> names, CountDownLatch release,
                                           AtomicInteger hanging, InetAddress otherwise) {
        return host -> {
            if (!names.test(host)) {
                return new InetAddress[] {otherwise};
            }
            hanging.incrementAndGet();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new UnknownHostException(host);
        };
    }

    /**
     * The URL's bound (2,000) is in characters, as the document's {@code maxLength} is: a URL of 1,921 characters
     * (3,821 UTF-16 units, its path emoji) is read; one of 2,001 is not (nineteenth pass: units were counted).
     */
    @Test
    void aUrlsLengthIsCountedInCharacters() {
        String smile = new String(Character.toChars(0x1F600));
        String head = "https://hooks.example/"; // 22 characters
        assertThat(TargetGuard.parse(head + smile.repeat(1899))).isPresent();
        assertThat(TargetGuard.parse(head + smile.repeat(1978))).as("exactly 2,000 characters").isPresent();
        assertThat(TargetGuard.parse(head + smile.repeat(1979))).isEmpty();
    }

    /** Port 0 was taken and delivered to port 80: not the address registered (twenty-fourth pass, N4). */
    @Test
    void portZeroIsNoTarget() {
        assertThat(TargetGuard.parse("https://hooks.example:0/in")).isEmpty();
        assertThat(TargetGuard.parse("http://hooks.example:0")).isEmpty();
        assertThat(TargetGuard.parse("https://hooks.example:1/in")).isPresent();
    }

    @Test
    void aSlowResolverFailsItsOwnTargetWithinTheTimeoutAndDoesNotHoldUpOtherTargets() throws Exception {
        Resolvers resolvers = new Resolvers();
        TargetGuard guard = TargetGuard.of(new TargetAddresses(false, List.of()), resolvers, Duration.ofMillis(2_000), Duration.ofSeconds(30));
        try {
            // (a 2 s timeout, so that "at once" below can be told from "waited for the timeout" on a busy machine)
            // several deliveries to the slow name at once (sender threads): each waits at most the timeout
            List<CompletableFuture<TargetGuard.Resolution>> slow = new java.util.ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < 8; i++) {
                slow.add(CompletableFuture.supplyAsync(() -> guard.resolve(URI.create("https://slow.example/hook"))));
            }
            // meanwhile another endpoint's target resolves at once
            long fastStart = System.nanoTime();
            TargetGuard.Resolution fast = guard.resolve(URI.create("https://fast.example/hook"));
            assertThat(Duration.ofNanos(System.nanoTime() - fastStart)).isLessThan(Duration.ofMillis(1_000));
            assertThat(fast).isEqualTo(new TargetGuard.Allowed(ip("93.184.216.35")));

            for (CompletableFuture<TargetGuard.Resolution> f : slow) {
                TargetGuard.Resolution r = f.get(10, TimeUnit.SECONDS);
                assertThat(r).isInstanceOf(TargetGuard.Unresolved.class);
                assertThat(((TargetGuard.Unresolved) r).why()).contains("slow.example").contains("within 2000 ms");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
            // one lookup of the slow name was running for all of them, not eight
            assertThat(resolvers.slowCalls.get()).isEqualTo(1);

            // once the resolver answers, the name is usable (and cached)
            resolvers.release.countDown();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() ->
                    guard.resolve(URI.create("https://slow.example/hook")) instanceof TargetGuard.Allowed);
            assertThat(resolvers.slowCalls.get()).isEqualTo(1);
        } finally {
            resolvers.release.countDown();
            guard.close();
        }
    }

    @Test
    void resolvedAddressesAreReusedBrieflyAndCheckedAgainEveryTime() throws Exception {
        Resolvers resolvers = new Resolvers();
        TargetGuard guard = TargetGuard.of(new TargetAddresses(false, List.of()), resolvers, Duration.ofSeconds(2), Duration.ofMillis(300));
        try {
            for (int i = 0; i < 5; i++) {
                assertThat(guard.resolve(URI.create("https://fast.example/a"))).isInstanceOf(TargetGuard.Allowed.class);
            }
            assertThat(resolvers.fastCalls.get()).isEqualTo(1);
            Thread.sleep(400); // the cached answer expired: resolved again
            assertThat(guard.resolve(URI.create("https://fast.example/a"))).isInstanceOf(TargetGuard.Allowed.class);
            assertThat(resolvers.fastCalls.get()).isEqualTo(2);

            // one private address among public ones refuses the target, the first time and from the cache
            for (int i = 0; i < 2; i++) {
                TargetGuard.Resolution r = guard.resolve(URI.create("https://mixed.example/hook"));
                assertThat(r).isInstanceOf(TargetGuard.Refused.class);
                assertThat(((TargetGuard.Refused) r).why()).contains("private");
            }
            assertThat(guard.resolve(URI.create("https://nowhere.example/hook"))).isInstanceOf(TargetGuard.Unresolved.class);
        } finally {
            guard.close();
        }
    }

    /** Review finding: a name whose AAAA record is ::ffff:169.254.169.254 (no A record) passed as a public address. */
    @Test
    void aNameResolvingToAnIpv4MappedAddressIsRefused() throws Exception {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(ip("169.254.169.254").getAddress(), 0, mapped, 12, 4);
        InetAddress aaaa = java.net.Inet6Address.getByAddress("x.attacker.example", mapped, -1);
        TargetGuard guard = TargetGuard.of(new TargetAddresses(false, List.of()), host -> new InetAddress[] {aaaa},
                Duration.ofSeconds(2), Duration.ofSeconds(30));
        try {
            assertThat(guard.resolve(URI.create("http://x.attacker.example/latest/meta-data/")))
                    .isInstanceOfSatisfying(TargetGuard.Refused.class, r -> assertThat(r.why()).contains("link-local"));
        } finally {
            guard.close();
        }
    }

    /**
     * Review finding: registrations and deliveries resolved on one pool, so a flood of registrations naming hosts that
     * never answer took every resolver thread and every tenant's deliveries failed as DNS errors.
     */
    @Test
    void registrationsThatNeverResolveLeaveTheDeliveriesLookupsAlone() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger hanging = new AtomicInteger();
        TargetGuard.Resolver resolver = hangingFor(h -> h.endsWith(".slow-ns.example"), release, hanging, ip("93.184.216.40"));
        TargetGuard guard = TargetGuard.of(new TargetAddresses(false, List.of()), resolver, Duration.ofMillis(300), Duration.ofSeconds(30));
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            List<java.util.concurrent.Future<?>> floods = new java.util.ArrayList<>();
            for (int i = 0; i < 3 * TargetGuard.DELIVERY_LOOKUP_THREADS; i++) {
                String url = "https://h" + i + ".slow-ns.example/hook";
                floods.add(callers.submit(() -> {
                    try {
                        guard.checkRegistration(url);
                    } catch (org.portfolio.platform.web.problem.ProblemException refused) {
                        // 422: did not resolve in time, or no resolver thread free (anything else fails the test)
                    }
                }));
            }
            for (java.util.concurrent.Future<?> f : floods) {
                f.get(60, TimeUnit.SECONDS);
            }
            // the flood held every registration thread and no more (an outside audit of the tests, twenty-first pass:
            // "at most" also held when the flood never reached a lookup); a delivery's target still resolves
            // (a worker may start its lookup after its caller gave up: wait for all of them)
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> hanging.get() == TargetGuard.REGISTRATION_LOOKUP_THREADS);
            for (int i = 0; i < 10; i++) {
                assertThat(guard.resolve(URI.create("https://tenant" + i + ".example/hook"))).as("delivery " + i)
                        .isInstanceOf(TargetGuard.Allowed.class);
            }
            assertThat(hanging.get()).as("no more registration lookups than its threads").isEqualTo(TargetGuard.REGISTRATION_LOOKUP_THREADS);
        } finally {
            release.countDown();
            callers.shutdownNow();
            guard.close();
        }
    }

    /** Sixth pass, M3: refused names under a wildcard record were cached for ever; the cache stays bounded. */
    @Test
    void theCacheOfNamesStaysBoundedWhateverNamesAreRegistered() throws Exception {
        InetAddress priv = ip("10.0.0.1");
        TargetGuard guard = TargetGuard.of(new TargetAddresses(false, List.of()), host -> new InetAddress[] {priv},
                Duration.ofSeconds(2), Duration.ofHours(1));
        try {
            for (int i = 0; i < 3 * TargetGuard.MAX_CACHED_NAMES; i++) {
                assertThat(guard.resolve(URI.create("https://n" + i + ".wild.example/hook")))
                        .isInstanceOf(TargetGuard.Refused.class);
            }
            assertThat(guard.cachedNames()).isPositive().isLessThanOrEqualTo(TargetGuard.MAX_CACHED_NAMES);
        } finally {
            guard.close();
        }
    }

    /**
     * Sixth pass: with every registration lookup thread waiting on a name server that never answers, the next
     * registration's lookup was refused inside ConcurrentHashMap.computeIfAbsent, whose own map the refusal then
     * changed ("Recursive update": an IllegalStateException, a 500). It is a clear 422 now.
     */
    @Test
    void aRegistrationFindingEveryLookupThreadBusyIsRefusedWith422() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger hanging = new AtomicInteger();
        TargetGuard guard = TargetGuard.of(new TargetAddresses(false, List.of()), hangingFor(h -> true, release, hanging, null),
                Duration.ofSeconds(20), Duration.ofSeconds(30));
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(TargetGuard.REGISTRATION_LOOKUP_THREADS);
        try {
            for (int i = 0; i < TargetGuard.REGISTRATION_LOOKUP_THREADS; i++) {
                String url = "https://busy" + i + ".example/hook";
                callers.submit(() -> {
                    try {
                        guard.checkRegistration(url);
                    } catch (RuntimeException refused) {
                        // released at the end
                    }
                });
            }
            long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (hanging.get() < TargetGuard.REGISTRATION_LOOKUP_THREADS && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            // (a worker may start its lookup after its caller gave up: wait for all of them)
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> hanging.get() == TargetGuard.REGISTRATION_LOOKUP_THREADS);
            Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> guard.checkRegistration("https://one-more.example/hook"));
            assertThat(refused).isInstanceOf(org.portfolio.platform.web.problem.ProblemException.class);
            assertThat(((org.portfolio.platform.web.problem.ProblemException) refused).type().status()).isEqualTo(422);
        } finally {
            release.countDown();
            callers.shutdownNow();
            guard.close();
        }
    }

    /** Sixth pass, M4: the senders resolve without waiting; the answer comes within the timeout, never an exception. */
    @Test
    void anAsynchronousResolutionReturnsAtOnceAndIsAnsweredWithinTheTimeout() throws Exception {
        Resolvers resolvers = new Resolvers();
        // a 2 s timeout, so that "at once" (under 1 s) can be told from "waited for the timeout" on a machine busy with three
        // modules' tests (twenty-fifth pass: 500 ms and 300 ms left a pause of the JVM little room)
        TargetGuard guard = TargetGuard.of(new TargetAddresses(false, List.of()), resolvers, Duration.ofMillis(2_000), Duration.ofSeconds(30));
        try {
            long start = System.nanoTime();
            CompletableFuture<TargetGuard.Resolution> slow = guard.resolveAsync(URI.create("https://slow.example/hook"));
            CompletableFuture<TargetGuard.Resolution> fast = guard.resolveAsync(URI.create("https://fast.example/hook"));
            CompletableFuture<TargetGuard.Resolution> mixed = guard.resolveAsync(URI.create("https://mixed.example/hook"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_000));
            assertThat(fast.get(5, TimeUnit.SECONDS)).isEqualTo(new TargetGuard.Allowed(ip("93.184.216.35")));
            assertThat(mixed.get(5, TimeUnit.SECONDS)).isInstanceOf(TargetGuard.Refused.class);
            TargetGuard.Resolution r = slow.get(5, TimeUnit.SECONDS);
            assertThat(r).isInstanceOf(TargetGuard.Unresolved.class);
            assertThat(((TargetGuard.Unresolved) r).why()).contains("within 2000 ms");
        } finally {
            resolvers.release.countDown();
            guard.close();
        }
    }
}
