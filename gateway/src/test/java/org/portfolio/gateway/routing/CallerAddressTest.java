package org.portfolio.gateway.routing;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

/** The key of a caller without a token: IP literals only, IPv6 by its /64, IPv4-mapped as IPv4. */
class CallerAddressTest {

    @Test
    void literalsAreReadWithoutANameLookupAndAnythingElseIsNone() throws Exception {
        assertThat(CallerAddress.literal("203.0.113.7")).isEqualTo(InetAddress.getByName("203.0.113.7"));
        assertThat(CallerAddress.literal(" 203.0.113.7:5000 ")).isEqualTo(InetAddress.getByName("203.0.113.7"));
        assertThat(CallerAddress.literal("[2001:db8::1]:443")).isEqualTo(InetAddress.getByName("2001:db8::1"));
        assertThat(CallerAddress.literal("::ffff:198.51.100.4")).isEqualTo(InetAddress.getByName("198.51.100.4"));
        assertThat(CallerAddress.literal("example.com")).isNull();
        assertThat(CallerAddress.literal("unknown")).isNull();
        assertThat(CallerAddress.literal("")).isNull();
        assertThat(CallerAddress.literal("[2001:db8::1")).isNull();
        // not valid literals: InetAddress.getByName would ask DNS for these (second pass of 2026-12-05, M1)
        assertThat(CallerAddress.literal("1.2.3.4.5")).isNull();
        assertThat(CallerAddress.literal("999.1.1.1")).isNull();
        assertThat(CallerAddress.literal("4294967296")).isNull();
        assertThat(CallerAddress.literal("1.2.3")).isNull();
        assertThat(CallerAddress.literal("2001:db8::zz")).isNull();
        // an IPv6 zone is dropped
        assertThat(CallerAddress.literal("fe80::1%eth0")).isEqualTo(InetAddress.getByName("fe80::1"));
    }

    @Test
    void anIpv6CallerCountsByItsSlash64() throws Exception {
        String one = CallerAddress.key(InetAddress.getByName("2001:db8:1:2::1"));
        assertThat(CallerAddress.key(InetAddress.getByName("2001:db8:1:2:ffff:ffff:ffff:fffe"))).isEqualTo(one);
        assertThat(CallerAddress.key(InetAddress.getByName("2001:db8:1:3::1"))).isNotEqualTo(one);
        assertThat(one).endsWith("/64");
        assertThat(CallerAddress.key(InetAddress.getByName("198.51.100.4"))).isEqualTo("198.51.100.4");
    }
}
