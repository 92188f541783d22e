package dev.parley.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {
    private static final String PROXY = "10.0.0.5";
    private final TrustedProxies proxies = TrustedProxies.parse("10.0.0.0/8, 192.0.2.1");

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        assertThat(TrustedProxies.parse("")).isSameAs(TrustedProxies.NONE);
        assertThat(TrustedProxies.NONE.clientAddress(PROXY, List.of("203.0.113.7"))).isEqualTo(PROXY);
    }

    @Test
    void believesTheHeaderOnlyFromATrustedPeer() {
        assertThat(proxies.clientAddress(PROXY, List.of("203.0.113.7"))).isEqualTo("203.0.113.7");
        assertThat(proxies.clientAddress("192.0.2.1", List.of("203.0.113.7"))).isEqualTo("203.0.113.7");
        assertThat(proxies.clientAddress("198.51.100.9", List.of("203.0.113.7"))).as("a client writing the header")
                .isEqualTo("198.51.100.9");
        assertThat(proxies.clientAddress(PROXY, List.of())).isEqualTo(PROXY);
    }

    @Test
    void takesTheNearestAddressThatIsNotATrustedProxy() {
        // A client wrote the first address itself; the proxy appended the one it saw.
        assertThat(proxies.clientAddress(PROXY, List.of("198.51.100.1, 203.0.113.7"))).isEqualTo("203.0.113.7");
        // Two proxies in a row.
        assertThat(proxies.clientAddress(PROXY, List.of("203.0.113.7, 10.9.9.9"))).isEqualTo("203.0.113.7");
        // The same, as separate header fields in order.
        assertThat(proxies.clientAddress(PROXY, List.of("198.51.100.1", "203.0.113.7", "10.9.9.9")))
                .isEqualTo("203.0.113.7");
        // Nothing but proxies: the farthest one.
        assertThat(proxies.clientAddress(PROXY, List.of("10.1.1.1, 10.2.2.2"))).isEqualTo("10.1.1.1");
    }

    @Test
    void stopsAtAnythingThatIsNotAnAddressAndNeverLooksNamesUp() {
        assertThat(proxies.clientAddress(PROXY, List.of("unknown"))).isEqualTo(PROXY);
        assertThat(proxies.clientAddress(PROXY, List.of("localhost"))).isEqualTo(PROXY);
        assertThat(proxies.clientAddress(PROXY, List.of("203.0.113.7, example.com, 10.2.2.2"))).isEqualTo("10.2.2.2");
        assertThat(proxies.clientAddress(PROXY, List.of("999.1.1.1"))).isEqualTo(PROXY);
        assertThat(TrustedProxies.literal("example.com")).isEmpty();
        assertThat(TrustedProxies.literal("1.2.3")).isEmpty();
        assertThat(TrustedProxies.literal("01.2.3.4")).isEmpty();
    }

    @Test
    void readsPortsAndIpv6() {
        assertThat(proxies.clientAddress(PROXY, List.of("203.0.113.7:4711"))).isEqualTo("203.0.113.7");
        assertThat(proxies.clientAddress(PROXY, List.of("[2001:db8::1]:443"))).isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(proxies.clientAddress(PROXY, List.of("2001:db8::1"))).isEqualTo("2001:db8:0:0:0:0:0:1");
        TrustedProxies v6 = TrustedProxies.parse("2001:db8::/32");
        assertThat(v6.clientAddress("2001:db8::9", List.of("203.0.113.7"))).isEqualTo("203.0.113.7");
        assertThat(v6.clientAddress("2001:db9::9", List.of("203.0.113.7"))).isEqualTo("2001:db9::9");
    }

    @Test
    void believesTheProtocolOnlyFromATrustedPeer() {
        assertThat(proxies.forwardedOverTls(PROXY, List.of("https"))).isTrue();
        assertThat(proxies.forwardedOverTls(PROXY, List.of("HTTPS"))).isTrue();
        assertThat(proxies.forwardedOverTls(PROXY, List.of("http"))).isFalse();
        assertThat(proxies.forwardedOverTls(PROXY, List.of("http, https"))).as("the nearest proxy's word").isTrue();
        assertThat(proxies.forwardedOverTls(PROXY, List.of("https", "http"))).isFalse();
        assertThat(proxies.forwardedOverTls(PROXY, List.of())).isFalse();
        assertThat(proxies.forwardedOverTls("198.51.100.9", List.of("https"))).isFalse();
        assertThat(TrustedProxies.NONE.forwardedOverTls(PROXY, List.of("https"))).isFalse();
    }

    @Test
    void refusesEntriesThatAreNeitherAddressesNorRanges() {
        for (String list : List.of("example.com", "10.0.0.0/33", "2001:db8::/129", "999.0.0.1", "10.0.0.1-10.0.0.9",
                "10.0.0.0/x")) {
            assertThatThrownBy(() -> TrustedProxies.parse(list)).as(list)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(list.split("/x")[0]);
        }
        assertThat(TrustedProxies.parse(" 10.0.0.0/8 ,, 127.0.0.1 ").patterns()).containsExactly("10.0.0.0/8",
                "127.0.0.1");
    }
}
