package org.portfolio.edfi.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.portfolio.platform.web.security.IngestOnlyClients;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * edfi-service's own bearer token: client credentials at the gateway's token endpoint (the one way in), as any API
 * client gets one. The client ({@code svc_edfi}, created by the gateway) writes for every school; the caller's role and
 * school scope were checked at the door when the write was stored, and the queued record carries the school the write
 * was authorised for — the deriver sends and retracts that school's records only — so it never needs (nor stores) the
 * caller's token. Cached until a minute before it expires; dropped on a 401 (secret rotated, client disabled). A
 * refused secret is logged with the way out (docs/edfi.md: rotating svc_edfi's secret).
 */
@ApplicationScoped
public class ServiceToken {

    /** The service's one clock (platform-web's ClockProducer), never the system clock directly. */
    @Inject
    java.time.Clock clock;

    private static final Logger LOG = Logger.getLogger(ServiceToken.class);

    /** The token endpoint did not give a token (unreachable, or the client was refused). */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message, null, false, false);
        }
    }

    @Inject
    EdFiConfig config;

    @Inject
    ObjectMapper mapper;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String token;
    private Instant expires = Instant.EPOCH;

    /** "Bearer …" for the Authorization header. */
    public synchronized String authorization() {
        if (token != null && clock.instant().isBefore(expires)) {
            return "Bearer " + token;
        }
        EdFiConfig.ServiceClient sc = config.serviceClient();
        if (sc.secret().isEmpty()) {
            throw new Unavailable("no secret configured for edfi-service's client (portfolio.edfi.service-client.secret)");
        }
        String basic = Base64.getEncoder().encodeToString((URLEncoder.encode(IngestOnlyClients.EDFI_SERVICE_CLIENT, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(sc.secret().get(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        HttpRequest rq = HttpRequest.newBuilder(sc.tokenUrl()).timeout(Duration.ofSeconds(15))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
        HttpResponse<String> res;
        try {
            res = http.send(rq, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Unavailable("the token endpoint " + sc.tokenUrl() + " cannot be reached: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted");
        }
        JsonNode body;
        try {
            body = mapper.readTree(res.body() == null || res.body().isEmpty() ? "{}" : res.body());
        } catch (IOException e) {
            body = mapper.createObjectNode();
        }
        if (res.statusCode() != 200 || !body.path("access_token").isTextual()) {
            // the RFC 6749 error code only (never the secret)
            LOG.warnf("edfi-service's client %s got no token: %d %s%s", IngestOnlyClients.EDFI_SERVICE_CLIENT, res.statusCode(), body.path("error").asText(""),
                    "invalid_client".equals(body.path("error").asText("")) ? " — its secret is not the one the gateway holds "
                            + "(or the client is disabled): give both the same secret and restart the gateway with "
                            + "portfolio.gateway.bootstrap.edfi-client-adopt-secret=true (./portfolio always does; it adopts a configured secret once; "
                            + "docs/edfi.md, rotating svc_edfi's secret); derived records wait in the queue" : "");
            throw new Unavailable("edfi-service's client got no token (" + res.statusCode() + " " + body.path("error").asText("") + ")");
        }
        token = body.get("access_token").asText();
        long ttl = body.path("expires_in").asLong(300);
        expires = clock.instant().plusSeconds(Math.max(10, ttl - 60));
        return "Bearer " + token;
    }

    /** Forgets the token (performance-service answered 401: the next upload gets a new one). */
    public synchronized void invalidate() {
        token = null;
        expires = Instant.EPOCH;
    }
}
