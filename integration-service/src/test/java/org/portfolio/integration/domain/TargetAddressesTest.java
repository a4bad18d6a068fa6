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

    /** Review finding: special IPv4 ranges and IPv4 addresses carried inside IPv6 ones were taken for public. */
    @Test
    void refusesSpecialRangesAndIpv4AddressesInsideIpv6Ones() throws Exception {
        TargetAddresses strict = new TargetAddresses(false, List.of());
        for (String refused : List.of("192.0.0.8", "198.18.0.1", "198.19.255.255", "240.0.0.1", "::169.254.169.254",
                "::10.0.0.1", "64:ff9b::a9fe:a9fe", "64:ff9b::7f00:1", "2002:a9fe:a9fe::1", "2002:7f00:1::")) {
            assertThat(strict.refusal(ip(refused))).as(refused).isPresent();
        }
        assertThat(strict.refusal(ip("64:ff9b::a9fe:a9fe")).orElseThrow()).contains("link-local").contains("inside an IPv6");
        for (String allowed : List.of("192.0.2.1", "198.20.0.1", "2002:5db8:d822::1", "64:ff9b::5db8:d822", "2606:4700::1111")) {
            assertThat(strict.refusal(ip(allowed))).as(allowed).isEmpty();
        }
    }

    /**
     * Review finding: the system resolver answers an AAAA record {@code ::ffff:a.b.c.d} with an {@link Inet6Address}
     * (Java converts only literals), which reaches the IPv4 host; judged as an IPv6 address it passed as public.
     * {@code Inet6Address.getByAddress} builds exactly what the resolver returns.
     */
    @Test
    void anIpv4MappedAddressFromTheResolverIsJudgedAsItsIpv4Address() throws Exception {
        TargetAddresses strict = new TargetAddresses(false, List.of());
        for (String v4 : List.of("169.254.169.254", "127.0.0.1", "10.1.2.3", "172.18.0.5", "192.168.0.1", "0.0.0.0")) {
            byte[] four = InetAddress.getByName(v4).getAddress();
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(four, 0, mapped, 12, 4);
            InetAddress resolved = java.net.Inet6Address.getByAddress("x.attacker.example", mapped, -1);
            assertThat(resolved).isInstanceOf(java.net.Inet6Address.class);
            assertThat(strict.refusal(resolved)).as("::ffff:" + v4).isPresent();
            byte[] translated = mapped.clone();
            translated[8] = (byte) 0xff;
            translated[9] = (byte) 0xff;
            translated[10] = 0;
            translated[11] = 0;
            assertThat(strict.refusal(java.net.Inet6Address.getByAddress("y.attacker.example", translated, -1)))
                    .as("::ffff:0:" + v4).isPresent();
        }
        byte[] publicMapped = new byte[16];
        publicMapped[10] = (byte) 0xff;
        publicMapped[11] = (byte) 0xff;
        System.arraycopy(InetAddress.getByName("93.184.216.34").getAddress(), 0, publicMapped, 12, 4);
        assertThat(strict.refusal(java.net.Inet6Address.getByAddress("ok.example", publicMapped, -1))).isEmpty();
        // ranges whose IPv4 part is not where a rule could read it: refused as such
        assertThat(strict.refusal(ip("64:ff9b:1::a9fe:a9fe")).orElseThrow()).contains("NAT64");
        assertThat(strict.refusal(ip("2001:0:4136:e378:8000:63bf:3fff:fdd2")).orElseThrow()).contains("Teredo");
        assertThat(strict.refusal(ip("2001:db9::1"))).isEmpty();
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
