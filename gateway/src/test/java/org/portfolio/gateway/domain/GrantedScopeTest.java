package org.portfolio.gateway.domain;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GrantedScopeTest {

    private final ApiClient client = ApiClient.register("x", Set.of("SCHOOL_LEADER", "SIS"), Set.of("a", "b"), "t").client();

    @Test
    void noScopeGrantsEverythingTheClientHas() throws Exception {
        GrantedScope s = GrantedScope.of(client, null);
        assertThat(s.roles()).containsExactlyInAnyOrder("SCHOOL_LEADER", "SIS");
        assertThat(s.schools()).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void aScopeNarrowsRolesAndSchoolsIndependently() throws Exception {
        assertThat(GrantedScope.of(client, "SIS").asScopeString()).isEqualTo("SIS school:a school:b");
        assertThat(GrantedScope.of(client, "school:b").roles()).containsExactlyInAnyOrder("SCHOOL_LEADER", "SIS");
        assertThat(GrantedScope.of(client, "school:b SIS").asScopeString()).isEqualTo("SIS school:b");
    }

    @Test
    void aScopeCannotWiden() {
        assertThatThrownBy(() -> GrantedScope.of(client, "DISTRICT_ADMIN")).isInstanceOf(GrantedScope.InvalidScope.class);
        assertThatThrownBy(() -> GrantedScope.of(client, "school:c")).isInstanceOf(GrantedScope.InvalidScope.class);
        assertThatThrownBy(() -> GrantedScope.of(client, "SIS\"")).isInstanceOf(GrantedScope.InvalidScope.class);
        assertThatThrownBy(() -> GrantedScope.of(client, " SIS")).isInstanceOf(GrantedScope.InvalidScope.class);
    }

    @Test
    void revokingChangesBumpTheTokenGenerationAndARenameDoesNot() {
        ApiClient c = ApiClient.register("x", Set.of("OVERSIGHT"), Set.of(), "t").client();
        int g = c.tokenGeneration;
        c.update("renamed", Set.of("OVERSIGHT"), Set.of(), "t");
        assertThat(c.tokenGeneration).isEqualTo(g);
        c.update("renamed", Set.of("ENROLLMENT_OFFICER"), Set.of(), "t");
        assertThat(c.tokenGeneration).isEqualTo(g + 1);
        c.rotateSecret("t");
        c.disable("t");
        c.disable("t");
        assertThat(c.tokenGeneration).isEqualTo(g + 3);
        c.enable("t");
        assertThat(c.tokenGeneration).isEqualTo(g + 3);
    }
}
