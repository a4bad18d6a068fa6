package org.portfolio.integration.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class SecretRotationTest {

    private static final Instant T = Instant.parse("2026-12-05T12:00:00Z");
    private static final Duration DAY = Duration.ofDays(1);

    private static Subscription subscription() {
        return Subscription.create("hr", Set.of("DISTRICT_ADMIN"), Set.of(), false, "https://hr.example/hook", null,
                Set.of("SchoolRegistered"), Set.of(UUID.randomUUID()), "whsec_one", T);
    }

    @Test
    void eachReplacedSecretSignsUntilItsOwnGraceEndsNewestFirst() {
        Subscription s = subscription();
        assertThat(s.rotateSecret("whsec_two", T.plus(DAY), false, T)).isTrue();
        assertThat(s.rotateSecret("whsec_three", T.plusSeconds(3600).plus(DAY), false, T.plusSeconds(3600))).isTrue();

        assertThat(s.signingSecrets(T.plusSeconds(7200))).containsExactly("whsec_three", "whsec_two", "whsec_one");
        assertThat(s.signingSecrets(T.plus(DAY))).as("the first secret's day is over").containsExactly("whsec_three", "whsec_two");
        assertThat(s.signingSecrets(T.plus(DAY).plusSeconds(3600))).containsExactly("whsec_three");
        assertThat(s.earlierSecretsSignUntil(T)).isEqualTo(T.plusSeconds(3600).plus(DAY));
        assertThat(s.earlierSecretsSignUntil(T.plus(DAY).plusSeconds(3600))).isNull();
        assertThat(s.previousSecret).as("the release before V8 signs with the newest earlier secret").isEqualTo("whsec_two");
        assertThat(s.previousSecretExpiresAt).isEqualTo(T.plusSeconds(3600).plus(DAY));
    }

    @Test
    void aRotationBeyondThreeSignersIsRefusedUntilOneEndsOrEarlierOnesAreRevoked() {
        Subscription s = subscription();
        for (String next : List.of("whsec_two", "whsec_three", "whsec_four")) {
            assertThat(s.rotateSecret(next, T.plus(DAY), false, T)).isTrue();
        }
        assertThat(s.rotateSecret("whsec_five", T.plus(DAY), false, T)).isFalse();
        assertThat(s.secret).as("a refused rotation changes nothing").isEqualTo("whsec_four");
        assertThat(s.rotateSecret("whsec_five", T.plus(DAY).plus(DAY), false, T.plus(DAY))).as("after their day").isTrue();
        assertThat(s.signingSecrets(T.plus(DAY))).containsExactly("whsec_five", "whsec_four");

        assertThat(s.rotateSecret("whsec_six", T.plus(DAY).plus(DAY), true, T.plus(DAY))).isTrue();
        assertThat(s.signingSecrets(T.plus(DAY))).containsExactly("whsec_six");
        assertThat(s.earlierSecrets).isEmpty();
        assertThat(s.previousSecret).isNull();
    }

    @Test
    void theColumnKeepsEachSecretWithItsExpiry() {
        EarlierSecretsConverter c = new EarlierSecretsConverter();
        List<EarlierSecret> secrets = List.of(new EarlierSecret("whsec_a+b/c=", T), new EarlierSecret("whsec_d", T.plus(DAY)));
        assertThat(c.convertToEntityAttribute(c.convertToDatabaseColumn(secrets))).isEqualTo(secrets);
        assertThat(c.convertToEntityAttribute("")).isEmpty();
    }
}
