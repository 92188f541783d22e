package dev.parley.integrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.api.ApiException;
import dev.parley.config.AddressRanges;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where webhooks may send requests: public addresses only, unless the operator allows a network. */
class WebhookTargetsTest {
    private static final WebhookTargets PUBLIC_ONLY = new WebhookTargets(AddressRanges.NONE);

    @Test
    void everyAddressThatIsNotPublicIsRefusedWithoutTheAllowList() {
        for (String host : List.of("127.0.0.1", "127.1.2.3", "0.0.0.0", "0.1.2.3", "10.0.0.1", "10.255.255.255",
                "100.64.0.1", "169.254.169.254", "169.254.0.1", "172.16.0.1", "172.31.255.254", "192.0.0.8",
                "192.0.2.1", "192.168.1.1", "198.18.0.1", "198.51.100.7", "203.0.113.9", "224.0.0.1",
                "239.255.255.250", "240.0.0.1", "255.255.255.255",
                "[::1]", "[::]", "[::ffff:127.0.0.1]", "[::ffff:169.254.169.254]", "[::ffff:10.0.0.1]",
                "[::127.0.0.1]", "[fc00::1]", "[fd12:3456::1]", "[fe80::1]", "[fec0::1]", "[ff02::1]",
                "[64:ff9b::a00:1]", "[2002:a00:1::1]", "[2001:db8::1]", "[2001::1]", "[100::1]",
                "2130706433", "127.1", "[0:0:0:0:0:0:0:1]")) {
            for (String target : List.of("http://" + host + "/hook", "https://" + host + ":8443/hook?x=1")) {
                assertRefused(PUBLIC_ONLY, target, "not public");
            }
        }
    }

    @Test
    void publicAddressesAreAllowedAndTheCheckedAddressIsAnswered() throws Exception {
        assertThat(PUBLIC_ONLY.resolve("https://93.184.215.14/hook")).isEqualTo(InetAddress.getByName("93.184.215.14"));
        assertThat(PUBLIC_ONLY.resolve("http://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]:8080/"))
                .isEqualTo(InetAddress.getByName("2606:2800:21f:cb07:6820:80da:af6b:8b2c"));
        assertThat(PUBLIC_ONLY.resolve("HTTPS://8.8.8.8")).isEqualTo(InetAddress.getByName("8.8.8.8"));
    }

    @Test
    void theAllowedNetworksLetTheirAddressesThroughAndNoOthers() throws Exception {
        WebhookTargets allowing = new WebhookTargets(AddressRanges.parse("127.0.0.1/32, 10.1.0.0/16, fd00::/8"));
        assertThat(allowing.resolve("http://127.0.0.1:8080/hook")).isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThat(allowing.resolve("http://10.1.200.3/")).isEqualTo(InetAddress.getByName("10.1.200.3"));
        assertThat(allowing.resolve("http://[fd00::5]/")).isEqualTo(InetAddress.getByName("fd00::5"));
        assertThat(allowing.resolve("http://[::ffff:127.0.0.1]/")).as("the mapped form of an allowed address")
                .isEqualTo(InetAddress.getByName("127.0.0.1"));
        for (String target : List.of("http://127.0.0.2/", "http://10.2.0.1/", "http://[::1]/",
                "http://169.254.169.254/latest/meta-data/", "http://[fc00::1]/")) {
            assertRefused(allowing, target, "not public");
        }
    }

    @Test
    void aHostNameIsCheckedByEveryAddressItResolvesTo() throws Exception {
        assertRefused(PUBLIC_ONLY, "http://localhost:8080/hook", "resolves to loopback");

        Map<String, InetAddress[]> names = Map.of(
                "internal.example", addresses("10.0.0.7"),
                "metadata.example", addresses("169.254.169.254"),
                "mixed.example", addresses("93.184.215.14", "192.168.0.10"),
                "v6-local.example", addresses("fd00::7"),
                "public.example", addresses("93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"));
        WebhookTargets targets = new WebhookTargets(AddressRanges.NONE, host -> {
            InetAddress[] found = names.get(host);
            if (found == null) {
                throw new UnknownHostException(host);
            }
            return found;
        });
        for (String host : List.of("internal.example", "metadata.example", "mixed.example", "v6-local.example")) {
            assertRefused(targets, "https://" + host + "/hook", host);
        }
        assertThat(targets.resolve("https://public.example/hook")).isEqualTo(InetAddress.getByName("93.184.215.14"));
        assertRefused(targets, "https://unknown.example/hook", "could not be resolved");
    }

    @Test
    void onlyAbsoluteHttpAndHttpsUrlsWithAHostAndNoPasswordAreTargets() {
        for (String target : List.of("ftp://93.184.215.14/", "file:///etc/passwd", "gopher://93.184.215.14/",
                "javascript:alert(1)", "/relative/path", "93.184.215.14/hook", "http://", "http:///hook",
                "https://user:password@93.184.215.14/hook", "http://exa mple.com/", "http://[::1/",
                "https://" + "a".repeat(2040) + ".com/")) {
            assertRefused(PUBLIC_ONLY, target, "not a URL");
        }
    }

    private static InetAddress[] addresses(String... literals) throws UnknownHostException {
        InetAddress[] addresses = new InetAddress[literals.length];
        for (int i = 0; i < literals.length; i++) {
            addresses[i] = InetAddress.getByName(literals[i]);
        }
        return addresses;
    }

    private static void assertRefused(WebhookTargets targets, String target, String why) {
        assertThatThrownBy(() -> targets.resolve(target)).as(target + " (" + why + ")")
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("bad_request");
                    assertThat(e.title()).startsWith("target");
                });
    }
}
