package org.portfolio.gateway.routing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PathPatternTest {

    private static boolean matches(String pattern, String path) {
        return PathPattern.parse(pattern).matches(PathPattern.segments(path));
    }

    @Test
    void literalStarAndDoubleStarSegments() {
        assertThat(matches("/api/schools", "/api/schools")).isTrue();
        assertThat(matches("/api/schools", "/api/schools/")).isTrue();
        assertThat(matches("/api/schools", "/api/schools/1")).isFalse();
        assertThat(matches("/api/schools/*", "/api/schools/1")).isTrue();
        assertThat(matches("/api/schools/*", "/api/schools/1/contract")).isFalse();
        assertThat(matches("/api/autonomy/decision-catalog/**", "/api/autonomy/decision-catalog")).isTrue();
        assertThat(matches("/api/autonomy/decision-catalog/**", "/api/autonomy/decision-catalog/decisions/X")).isTrue();
        assertThat(matches("/api/autonomy/decision-catalog/**", "/api/autonomy/decision-catalogue")).isFalse();
        assertThat(matches("/api/autonomy/schools/*/decision-rights/**", "/api/autonomy/schools/9/decision-rights/HIRE")).isTrue();
    }

    @Test
    void aPlaceholderCapturesItsSegment() {
        PathPattern p = PathPattern.parse("/api/schools/{school}/**");
        assertThat(p.capture(PathPattern.segments("/api/schools/abc/contract"))).isEqualTo("abc");
        assertThat(p.capture(PathPattern.segments("/api/schools/abc"))).isEqualTo("abc");
        assertThat(p.capture(PathPattern.segments("/api/schools"))).isNull();
        assertThat(p.capture(PathPattern.segments("/api/contracts/abc"))).isNull();
    }

    @Test
    void malformedPatternsAreRejectedAtStart() {
        assertThatThrownBy(() -> PathPattern.parse("api/x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathPattern.parse("/api/**/x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyUuidsCountAsSchoolIds() {
        assertThat(AccessRules.looksLikeUuid("6f1c0a52-3d1e-4c7e-9a51-2b0d8f6f0d11")).isTrue();
        assertThat(AccessRules.looksLikeUuid("export")).isFalse();
        assertThat(AccessRules.looksLikeUuid("6f1c0a52x3d1e-4c7e-9a51-2b0d8f6f0d11")).isFalse();
    }

    @Test
    void districtWideRolesAreNotSchoolScoped() {
        assertThat(AccessRules.schoolScopedOnly(java.util.Set.of("SIS"))).isTrue();
        assertThat(AccessRules.schoolScopedOnly(java.util.Set.of("SIS", "SCHOOL_LEADER"))).isTrue();
        assertThat(AccessRules.schoolScopedOnly(java.util.Set.of("SIS", "OVERSIGHT"))).isFalse();
        // an authorizer's OVERSIGHT is walled like a school leader; DISTRICT_ADMIN beside it is not
        assertThat(AccessRules.schoolScopedOnly(java.util.Set.of("OVERSIGHT"), true)).isTrue();
        assertThat(AccessRules.schoolScopedOnly(java.util.Set.of("OVERSIGHT", "SCHOOL_LEADER"), true)).isTrue();
        assertThat(AccessRules.schoolScopedOnly(java.util.Set.of("OVERSIGHT", "DISTRICT_ADMIN"), true)).isFalse();
    }

    @Test
    void routePrefixesMatchWholeSegments() {
        assertThat(RouteTable.under("/api/schools/1", "/api/schools")).isTrue();
        assertThat(RouteTable.under("/api/schools", "/api/schools")).isTrue();
        assertThat(RouteTable.under("/api/schoolsx", "/api/schools")).isFalse();
    }

    @Test
    void correlationKeepsWellFormedIdsAndTraceIds() {
        Correlation c = Correlation.of("abc-123", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00");
        assertThat(c.requestId()).isEqualTo("abc-123");
        assertThat(c.traceparent()).startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-").endsWith("-00")
                .isNotEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00");
        Correlation bad = Correlation.of("a b", "00-00000000000000000000000000000000-00f067aa0ba902b7-01");
        assertThat(bad.requestId()).matches("[0-9a-f-]{36}");
        assertThat(bad.traceId()).isNotEqualTo("00000000000000000000000000000000").hasSize(32);
        java.util.UUID generated = java.util.UUID.fromString(Correlation.randomUuid());
        assertThat(generated.version()).isEqualTo(4);
        assertThat(generated.variant()).isEqualTo(2);
    }
}
