package org.portfolio.gateway.domain;

import org.junit.jupiter.api.Test;
import org.portfolio.platform.web.security.SchoolScope;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GrantedScopeTest {

    private final ApiClient client = ApiClient.register("x", Set.of("SCHOOL_LEADER", "SIS"),
            ClientScope.ofSchools(Set.of("a", "b")), "t", java.time.Instant.now()).client();
    /** What the client's scope resolves to now (its own schools plus, say, its oversight body's). */
    private final SchoolScope registered = SchoolScope.of(Set.of("a", "b"));

    @Test
    void noScopeGrantsEverythingTheClientHasAndNamesTheSchoolsByReference() throws Exception {
        GrantedScope s = GrantedScope.of(client, registered, null);
        assertThat(s.roles()).containsExactlyInAnyOrder("SCHOOL_LEADER", "SIS");
        assertThat(s.byReference()).isTrue();
        assertThat(s.asScopeString()).as("a token by reference lists its roles only").isEqualTo("SCHOOL_LEADER SIS");
    }

    @Test
    void aScopeNarrowsRolesAndSchoolsIndependently() throws Exception {
        assertThat(GrantedScope.of(client, registered, "SIS").asScopeString()).isEqualTo("SIS");
        assertThat(GrantedScope.of(client, registered, "SIS").byReference()).isTrue();
        assertThat(GrantedScope.of(client, registered, "school:b").roles()).containsExactlyInAnyOrder("SCHOOL_LEADER", "SIS");
        assertThat(GrantedScope.of(client, registered, "school:b SIS").asScopeString()).isEqualTo("SIS school:b");
        assertThat(GrantedScope.of(client, SchoolScope.ALL, "school:zz").schools()).containsExactly("zz");
    }

    @Test
    void aScopeCannotWiden() {
        assertThatThrownBy(() -> GrantedScope.of(client, registered, "DISTRICT_ADMIN")).isInstanceOf(GrantedScope.InvalidScope.class);
        assertThatThrownBy(() -> GrantedScope.of(client, registered, "school:c")).isInstanceOf(GrantedScope.InvalidScope.class);
        assertThatThrownBy(() -> GrantedScope.of(client, registered, "SIS\"")).isInstanceOf(GrantedScope.InvalidScope.class);
        assertThatThrownBy(() -> GrantedScope.of(client, registered, " SIS")).isInstanceOf(GrantedScope.InvalidScope.class);
    }

    @Test
    void aNarrowedTokenCarriesAtMostFiftySchoolsSoItStaysSmall() throws Exception {
        String fifty = IntStream.range(0, 50).mapToObj(i -> "school:s" + i).collect(Collectors.joining(" "));
        assertThat(GrantedScope.of(client, SchoolScope.ALL, fifty).schools()).hasSize(50);
        assertThatThrownBy(() -> GrantedScope.of(client, SchoolScope.ALL, fifty + " school:s50"))
                .isInstanceOf(GrantedScope.InvalidScope.class).hasMessageContaining("at most 50");
    }

    @Test
    void revokingChangesBumpTheTokenGenerationAndARenameOrAScopeChangeDoesNot() {
        ApiClient c = ApiClient.register("x", Set.of("SIS"), ClientScope.ofSchools(Set.of("a")), "t", java.time.Instant.now()).client();
        int g = c.tokenGeneration;
        c.update("renamed", Set.of("SIS"), ClientScope.ofSchools(Set.of("a")), "t", java.time.Instant.now());
        assertThat(c.tokenGeneration).isEqualTo(g);
        c.update("renamed", Set.of("SIS"), new ClientScope(Set.of(), Set.of("body"), Set.of("North"), false), "t", java.time.Instant.now());
        assertThat(c.tokenGeneration).as("tokens name the scope by reference: a new scope applies to them").isEqualTo(g);
        assertThat(c.scope().oversightBodies()).containsExactly("body");
        assertThat(c.scope().zones()).containsExactly("North");
        c.update("renamed", Set.of("SCHOOL_LEADER"), c.scope(), "t", java.time.Instant.now());
        assertThat(c.tokenGeneration).isEqualTo(g + 1);
        c.rotateSecret("t", java.time.Instant.now());
        c.disable("t", java.time.Instant.now());
        c.disable("t", java.time.Instant.now());
        assertThat(c.tokenGeneration).isEqualTo(g + 3);
        c.enable("t", java.time.Instant.now());
        assertThat(c.tokenGeneration).isEqualTo(g + 3);
    }

    @Test
    void theRegisteredSchoolsAreResolvedOnlyWhenTheRequestNamesASchool() throws Exception {
        java.util.concurrent.atomic.AtomicInteger resolved = new java.util.concurrent.atomic.AtomicInteger();
        java.util.function.Supplier<SchoolScope> counting = () -> {
            resolved.incrementAndGet();
            return registered;
        };
        GrantedScope.of(client, counting, null);
        GrantedScope.of(client, counting, "SIS");
        assertThat(resolved).as("no school asked for: no resolution").hasValue(0);
        GrantedScope.of(client, counting, "school:a school:b");
        assertThat(resolved).as("once per request").hasValue(1);
    }
}
