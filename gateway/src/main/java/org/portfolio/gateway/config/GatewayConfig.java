package org.portfolio.gateway.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting of the gateway ({@code portfolio.gateway.*}; each one can be set by an environment variable,
 * e.g. {@code PORTFOLIO_GATEWAY_SERVICES_CONTRACTS}). The defaults are in application.properties; the meaning of
 * each is in docs/gateway.md.
 */
@ConfigMapping(prefix = "portfolio.gateway")
public interface GatewayConfig {

    /** Base URL of each service, by service name (contracts, autonomy, performance, enrollment). */
    Map<String, URI> services();

    /** The routing table: service name → the path prefixes it owns (a prefix matches itself and everything below). */
    Map<String, List<String>> routes();

    /**
     * Routes that need no token: {@code METHOD /path}, where {@code *} is one path segment and {@code **} any
     * number of segments (also none). GET also allows HEAD. A bad token is rejected even here.
     */
    List<String> publicRoutes();

    /**
     * Paths whose {@code {school}} segment names a school: a caller with only school-scoped roles (SCHOOL_LEADER,
     * SIS) gets 403 for a school outside its token, before the request reaches the service. Public routes are exempt.
     */
    List<String> schoolScopedPaths();

    Upstream upstream();

    /**
     * Whether {@code Forwarded} / {@code X-Forwarded-Proto|Host|Port} of a request say which public address the caller
     * used (for the {@code Location} of answers). Only behind a proxy that sets them and drops what callers send;
     * otherwise the request's {@code Host} and the gateway's own scheme count.
     */
    @WithDefault("false")
    boolean trustForwardedHeaders();

    Limits limits();

    @WithName("rate-limit")
    RateLimit rateLimit();

    Jwt jwt();

    Bootstrap bootstrap();

    @WithName("openapi")
    OpenApi openApi();

    @WithName("client-status")
    ClientStatus clientStatus();

    Management management();

    interface Upstream {
        /** Time to open a connection to a service. */
        @WithDefault("2s")
        Duration connectTimeout();

        /** Time a service has to start answering once the request (body included) has reached it; then 504. */
        @WithDefault("30s")
        Duration responseTimeout();

        /** A transfer (either direction) with no bytes for this long is cut. */
        @WithDefault("5m")
        Duration idleTimeout();

        /**
         * A request body that stops arriving (no byte for this long before its end: a slow-body attack, or a client
         * that hung) is answered 408 and its connection closed, freeing the connection to the service too.
         */
        @WithDefault("30s")
        Duration bodyStallTimeout();

        /**
         * Bytes a request body must bring in every {@link #bodyStallTimeout()} (or the rest of it, if less), not counting
         * the time the service is slow to read: one that trickles slower (a byte every few seconds: it never stalls, and
         * would hold a connection to its service until its size limit) is answered 408 as a stalled one is.
         */
        @WithDefault("1024")
        long bodyMinBytesPerWindow();

        /**
         * The window of an answer's minimum rate: while the gateway holds part of an answer the client has not taken yet
         * (its write queue to the client is full), the client must take {@link #answerMinBytesPerWindow()} bytes (or the
         * rest of the answer, if less) in every window of this length, or its connection is closed (HTTP/2: the stream
         * reset) and the connection to the service closed too. Time the service takes to send does not count.
         */
        @WithDefault("30s")
        Duration answerWindow();

        /**
         * Bytes a client must take of an answer in every {@link #answerWindow()} while the gateway holds more for it: a
         * reader that takes a few bytes every few minutes (it never goes idle) held one of the service's pooled
         * connections for as long as it liked.
         */
        @WithDefault("1024")
        long answerMinBytesPerWindow();

        /** Pooled connections per service (keep-alive, reused). */
        @WithDefault("128")
        int poolSize();

        /** Requests waiting for a pooled connection beyond this answer 503. */
        @WithDefault("1024")
        int maxWaitQueue();

        /** An idle pooled connection is closed after this long. */
        @WithDefault("60s")
        Duration keepAliveTimeout();
    }

    interface Limits {
        /** Body size limit of every route without a more specific one. */
        @WithDefault("10M")
        MemorySize defaultMaxBodySize();

        /**
         * Body size limit of the gateway's own resources (the token endpoints have their route's, lower): a stated
         * length over it is refused before it is read, one of unknown length as it is read; Quarkus's own limit
         * ({@code quarkus.http.limits.max-body-size}, whose 413 is bare) must sit above it.
         */
        @WithDefault("1M")
        MemorySize ownMaxBodySize();

        /**
         * A caller's header fields (names and values) beyond this are refused, 431 problem+json: the services' servers
         * take 20 KB, and the gateway adds its own headers on the way (sixth pass L6: 20 KB from a caller passed the
         * gateway and the service answered a bare 431).
         */
        @WithDefault("16K")
        MemorySize maxHeaderSize();

        /** A request target (path and query) longer than this is refused, 414 problem+json (a service reads 4,096 bytes). */
        @WithDefault("4000")
        int maxTargetLength();

        /** Named per-prefix overrides: {@code portfolio.gateway.limits.routes.<name>.prefix / max-body-size / response-timeout}. */
        Map<String, RouteLimit> routes();
    }

    interface RouteLimit {
        String prefix();

        Optional<MemorySize> maxBodySize();

        Optional<Duration> responseTimeout();
    }

    interface RateLimit {
        @WithDefault("true")
        boolean enabled();

        /** Per client (token subject). */
        Bucket client();

        /** Per IP address, for calls without a token (the token endpoint included). */
        Bucket anonymous();

        /** Buckets kept in memory at most (least recently used are dropped, i.e. refilled). */
        @WithDefault("100000")
        int maxBuckets();

        /**
         * Proxies in front of the gateway whose {@code X-Forwarded-For} names the caller (CIDR networks, e.g. the TLS
         * terminator's address): a call without a token from one of them counts against the address it names. None by
         * default: then every caller is its socket's address.
         */
        Optional<List<String>> trustedProxies();
    }

    interface Bucket {
        /** Sustained rate. */
        double requestsPerSecond();

        /** Burst: requests allowed at once after a quiet period. */
        int burst();

        /**
         * Proxied requests one client (per address, without a token) may have in flight at once: from the front door
         * until its answer has been handed over or the exchange ended otherwise (client gone, error, timeout); one more is
         * answered 429. A client cannot hold more than this of the services' pooled connections with slow requests.
         */
        @WithDefault("64")
        int maxInFlight();
    }

    interface Jwt {
        /** The {@code iss} claim of every token. */
        String issuer();

        @WithDefault("portfolio-api")
        String audience();

        /** Token lifetime ({@code expires_in}). */
        @WithDefault("30m")
        Duration ttl();

        /**
         * Public keys (PEM files or {@code file:} URLs) of signing keys that were rotated away: tokens they signed
         * are still accepted and the keys are still published in the JWKS until they are removed from here.
         */
        Optional<List<String>> previousPublicKeyLocations();

        /**
         * Memory the cache of verified tokens may take (the signature is checked once per token, not per request):
         * token text and claims, estimated per entry; the least recently used go first.
         */
        @WithDefault("32M")
        MemorySize verifiedTokenCacheBytes();

        /** A token longer than this is verified on every request and never cached (one cannot crowd out the rest). */
        @WithDefault("8K")
        MemorySize verifiedTokenCacheMaxTokenSize();
    }

    interface Bootstrap {
        /** Client id of the bootstrap DISTRICT_ADMIN client, created on first start when absent. */
        Optional<String> clientId();

        /** Its secret (at least 32 characters). Only its hash is stored. */
        Optional<String> clientSecret();

        @WithDefault("Bootstrap administrator")
        String name();

        /**
         * The secret of edfi-service's own client (role SIS, every school; its id is fixed: platform-web's
         * IngestOnlyClients.EDFI_SERVICE_CLIENT, svc_edfi), created on first start when absent and this is set: the
         * Ed-Fi door's deriver sends the records it derives with it (docs/security.md T27, decision 0009).
         * At least 32 characters (./portfolio up, docker-compose and the system tests set it). Only its hash is stored.
         */
        Optional<String> edfiClientSecret();

        /**
         * When the client exists with another secret, the configured one replaces it at start (its tokens revoked):
         * ./portfolio sets it on the start after it generated a new secret (keys/edfi-client.env deleted or rotated), an
         * operator for one start after changing the secret (docs/edfi.md, rotating svc_edfi's secret). Off by default:
         * a secret rotated or a client disabled through the admin API sticks.
         */
        @WithDefault("false")
        boolean edfiClientAdoptSecret();
    }

    interface OpenApi {
        /** How long a service's spec is reused before it is fetched again. */
        @WithDefault("30s")
        Duration cacheTtl();

        /** Time a service has to answer /q/openapi. */
        @WithDefault("3s")
        Duration fetchTimeout();

        /** Public URL of the gateway in the merged spec (servers, token URL); by default taken from the request. */
        Optional<URI> publicUrl();
    }

    interface ClientStatus {
        /** How often each gateway replica re-reads which clients are disabled or had their tokens revoked. */
        @WithDefault("10s")
        Duration refreshInterval();
    }

    interface Management {
        /**
         * Networks (CIDR) whose callers may read the gateway's management paths other than health and Swagger UI
         * ({@code /q/metrics} and the like) on the public port: a socket in one of them, with no {@code X-Forwarded-For}
         * (a request a proxy passed on is an outside caller's). Everyone else gets 404. Loopback by default: a
         * Prometheus in the deployment's own network is named here.
         */
        @WithDefault("127.0.0.0/8,::1/128")
        List<String> networks();
    }
}
