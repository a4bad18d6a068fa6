package org.portfolio.integration;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.portfolio.integration.service.TargetGuard;
import org.portfolio.testing.TestTokens;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile read of the twenty-sixth pass, W1: a registration held the connection of its count while it waited up to
 * dns-timeout for the target's name, so 150 registrations at once naming a host whose name server never answers emptied
 * the pool, and the feed, the deliveries and the outbox relay waited with them. The lookup holds no connection now.
 */
@QuarkusTest
class RegistrationLookupTest {

    @Inject
    TargetGuard guard;

    @Inject
    io.agroal.api.AgroalDataSource dataSource;

    private static io.restassured.response.Response register(String token, String url) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("url", url, "eventTypes", List.of("portfolio.contracts.SchoolUpdated.v1")))
                .post("/api/webhooks");
    }

    /** Sessions of the service left in a transaction after counting subscriptions. */
    private int countsHeldInATransaction() throws Exception {
        try (var c = dataSource.getConnection(); var st = c.createStatement(); var rs = st.executeQuery(
                "select count(*) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() "
                        + "and state like 'idle in transaction%' and query ilike '%count(%subscription%'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void theNameLookupHoldsNoDatabaseConnection() throws Exception {
        CountDownLatch asked = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        AtomicInteger lookups = new AtomicInteger();
        TargetGuard.Resolver before = guard.resolveWith(host -> {
            if (host.endsWith(".blackhole.example")) {
                lookups.incrementAndGet();
                asked.countDown();
                try {
                    answer.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new UnknownHostException(host);
            }
            return InetAddress.getAllByName(host);
        });
        String sis = TestTokens.sis(UUID.randomUUID());
        try {
            CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() ->
                    register(sis, "https://hook.blackhole.example/in").statusCode());
            assertThat(asked.await(20, TimeUnit.SECONDS)).as("the lookup began").isTrue();
            assertThat(countsHeldInATransaction()).as("connections held while the name is looked up").isZero();
            answer.countDown();
            assertThat(first.get(20, TimeUnit.SECONDS)).isEqualTo(422);
            assertThat(lookups.get()).isEqualTo(1);
        } finally {
            answer.countDown();
            guard.resolveWith(before);
        }
    }
}
