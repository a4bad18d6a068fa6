package org.portfolio.gateway.routing;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.portfolio.gateway.routing.PublicLocations.publicOrigin;

class PublicLocationsTest {

    private final PublicLocations locations = new PublicLocations(List.of(URI.create("http://127.0.0.1:8083"),
            URI.create("http://contracts-service"), URI.create("https://Enrollment.internal:8443")), false);

    @Test
    void onlyAnOriginOfAServiceMatches() {
        assertThat(locations.afterServiceOrigin("http://127.0.0.1:8083/api/performance/ingest/jobs/1")).isEqualTo("/api/performance/ingest/jobs/1");
        assertThat(locations.afterServiceOrigin("HTTP://127.0.0.1:8083?a=1")).isEqualTo("?a=1");
        assertThat(locations.afterServiceOrigin("http://127.0.0.1:8083")).isEmpty();
        assertThat(locations.afterServiceOrigin("//127.0.0.1:8083/x")).isEqualTo("/x");
        // the default port, written or not
        assertThat(locations.afterServiceOrigin("http://contracts-service/api/schools/1")).isEqualTo("/api/schools/1");
        assertThat(locations.afterServiceOrigin("http://contracts-service:80/api/schools/1")).isEqualTo("/api/schools/1");
        assertThat(locations.afterServiceOrigin("https://enrollment.internal:8443/api/enrollment/periods/1")).isEqualTo("/api/enrollment/periods/1");
        // not a service
        assertThat(locations.afterServiceOrigin("http://127.0.0.1:80830/x")).isNull();
        assertThat(locations.afterServiceOrigin("https://127.0.0.1:8083/x")).isNull();
        assertThat(locations.afterServiceOrigin("http://127.0.0.1:8083.evil.example/x")).isNull();
        assertThat(locations.afterServiceOrigin("http://contracts-service.example/x")).isNull();
        assertThat(locations.afterServiceOrigin("/api/schools/1")).isNull();
    }

    @Test
    void untrustedTheHostHeaderAndTheGatewaysSchemeCount() {
        assertThat(publicOrigin(false, "http", "gw.example:8080", "host=evil;proto=https", "https", "evil", "1"))
                .isEqualTo("http://gw.example:8080");
        assertThat(publicOrigin(false, "https", "gw.example", null, null, null, null)).isEqualTo("https://gw.example");
        assertThat(publicOrigin(false, "http", "[::1]:8080", null, null, null, null)).isEqualTo("http://[::1]:8080");
    }

    @Test
    void trustedTheFirstForwardedElementCounts() {
        assertThat(publicOrigin(true, "http", "gw:8080", "for=192.0.2.60;proto=https;host=api.example.org, for=10.0.0.1;proto=http;host=gw:8080",
                "http", "other", "9")).isEqualTo("https://api.example.org");
        assertThat(publicOrigin(true, "http", "gw:8080", "Proto=HTTPS;Host=\"api.example.org:8443\"", null, null, null))
                .isEqualTo("https://api.example.org:8443");
    }

    @Test
    void trustedXForwardedHeadersCountWithoutForwarded() {
        assertThat(publicOrigin(true, "http", "gw:8080", null, "https", "api.example.org", "8443"))
                .isEqualTo("https://api.example.org:8443");
        assertThat(publicOrigin(true, "http", "gw:8080", null, "https, http", "api.example.org, gw:8080", null))
                .isEqualTo("https://api.example.org");
        assertThat(publicOrigin(true, "http", "gw:8080", null, null, null, "443")).isEqualTo("http://gw:443");
    }

    @Test
    void trustedButMalformedValuesAreIgnored() {
        assertThat(publicOrigin(true, "http", "gw:8080", "host=\"evil.example/x@y\";proto=javascript", null, null, null))
                .isEqualTo("http://gw:8080");
        assertThat(publicOrigin(true, "http", "gw:8080", null, "ftp", "evil\r\nSet-Cookie: a=b", "99999"))
                .isEqualTo("http://gw:8080");
        assertThat(publicOrigin(true, "http", "gw:8080", null, null, "a:99999", null)).isEqualTo("http://gw:8080");
    }

    @Test
    void withoutAUsableHostThereIsNoOrigin() {
        assertThat(publicOrigin(false, "http", null, null, null, null, null)).isNull();
        assertThat(publicOrigin(false, "http", "bad host", null, null, null, null)).isNull();
        assertThat(publicOrigin(true, "http", "", "proto=https", null, null, null)).isNull();
    }
}
