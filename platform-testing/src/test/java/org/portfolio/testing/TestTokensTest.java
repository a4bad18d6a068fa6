package org.portfolio.testing;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Tokens are signed once per set of claims and reused while half their lifetime is left; other claims, other tokens. */
class TestTokensTest {

    @BeforeAll
    static void aSigningKeyWithoutStartingTheInfrastructure() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        Path pem = Files.createTempFile("test-tokens-", ".pem");
        pem.toFile().deleteOnExit();
        Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(g.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        System.setProperty(RealInfrastructure.P_PRIVATE_KEY, pem.toString());
        if (System.getProperty(RealInfrastructure.P_KAFKA_PORT) == null) {
            System.setProperty(RealInfrastructure.P_KAFKA_PORT, "0"); // "started": nothing here needs it
        }
    }

    @Test
    void theSameClaimsGiveTheSameSignedTokenAndOtherClaimsAnother() {
        UUID school = UUID.randomUUID();
        String leader = TestTokens.schoolLeader(school);
        assertThat(TestTokens.schoolLeader(school)).isSameAs(leader);
        assertThat(TestTokens.schoolLeader(UUID.randomUUID())).isNotEqualTo(leader);
        assertThat(TestTokens.districtAdmin()).isSameAs(TestTokens.districtAdmin()).isNotEqualTo(TestTokens.oversight());
        assertThat(TestTokens.withRoles("SIS", "OVERSIGHT")).isSameAs(TestTokens.withRoles("OVERSIGHT", "SIS"));
        assertThat(TestTokens.withGeneration("c", 1, "SIS")).isNotEqualTo(TestTokens.withGeneration("c", 2, "SIS"));
        assertThat(TestTokens.byReference("c", "SIS")).isNotEqualTo(TestTokens.token("c", Set.of("SIS"), List.of(),
                Duration.ofMinutes(30)));
        assertThat(claims(leader)).contains("\"SCHOOL_LEADER\"").contains(school.toString());
    }

    @Test
    void aTokenPastHalfItsLifetimeIsSignedAgain() throws Exception {
        String first = TestTokens.token("short-lived", Set.of("SIS"), List.of(), Duration.ofSeconds(2));
        assertThat(TestTokens.token("short-lived", Set.of("SIS"), List.of(), Duration.ofSeconds(2))).isSameAs(first);
        Thread.sleep(1_100);
        assertThat(TestTokens.token("short-lived", Set.of("SIS"), List.of(), Duration.ofSeconds(2))).isNotSameAs(first);
    }

    @Test
    void forgedAndExpiredTokensAreNotReused() {
        assertThat(TestTokens.expired("SIS")).isNotSameAs(TestTokens.expired("SIS"));
        assertThat(TestTokens.forged("SIS")).isNotSameAs(TestTokens.forged("SIS"));
    }

    private static String claims(String jwt) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
    }
}
