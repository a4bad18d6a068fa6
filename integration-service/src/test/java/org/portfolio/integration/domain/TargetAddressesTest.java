package org.portfolio.integration.domain;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetAddressesTest {

    static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void refusesLoopbackPrivateLinkLocalUnspecifiedAndMulticastByDefault() throws Exception {
        TargetAddresses strict = new TargetAddresses(false, List.of());
        for (String refused : List.of("127.0.0.1", "127.8.9.10", "::1", "10.0.0.1", "172.16.0.1", "172.31.255.255",
                "192.168.1.1", "169.254.169.254", "fe80::1", "fc00::1", "fd12:3456::1", "0.0.0.0", "::", "224.0.0.1",
                "ff02::1", "100.64.0.1", "255.255.255.255", "::ffff:10.0.0.1", "::ffff:127.0.0.1")) {
            assertThat(strict.refusal(ip(refused))).as(refused).isPresent();
        }
        for (String allowed : List.of("93.184.216.34", "172.32.0.1", "8.8.8.8", "2606:4700::1111", "100.128.0.1")) {
            assertThat(strict.refusal(ip(allowed))).as(allowed).isEmpty();
        }
        assertThat(strict.refusal(ip("169.254.169.254")).orElseThrow()).contains("link-local");
    }

    @Test
    void configurationAllowsPrivateTargetsOrNamedNetworks() throws Exception {
        assertThat(new TargetAddresses(true, List.of()).refusal(ip("127.0.0.1"))).isEmpty();
        TargetAddresses listed = new TargetAddresses(false, List.of("10.20.0.0/16", "fd00::/8"));
        assertThat(listed.refusal(ip("10.20.3.4"))).isEmpty();
        assertThat(listed.refusal(ip("fd00::5"))).isEmpty();
        assertThat(listed.refusal(ip("10.21.0.1"))).isPresent();
        assertThat(listed.refusal(ip("169.254.169.254"))).isPresent();
        assertThatThrownBy(() -> new TargetAddresses(false, List.of("intranet.example/8"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TargetAddresses(false, List.of("10.0.0.0/40"))).isInstanceOf(IllegalArgumentException.class);
    }
}
