package dev.parley.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.ParleyServer;
import dev.parley.crypto.MasterKey;
import dev.parley.testing.ParleyProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigurationTest {

    @Test
    void readsDefaultsAndVariables() {
        ParleyConfig defaults = ParleyConfig.from(Map.of());
        assertThat(defaults.port()).isEqualTo(8080);
        assertThat(defaults.dataDir()).isEqualTo(Path.of("parley-data").toAbsolutePath());
        assertThat(defaults.embedded()).isTrue();
        assertThat(defaults.databasePoolSize()).isEqualTo(16);
        assertThat(defaults.trustedProxies().patterns()).isEmpty();
        assertThat(defaults.eventRetention()).isEqualTo(Duration.ofDays(7));
        assertThat(defaults.purgeInterval()).isEqualTo(Duration.ofSeconds(30));

        ParleyConfig set = ParleyConfig.from(Map.of("PARLEY_PORT", "9090", "PARLEY_DATA_DIR", "/tmp/x",
                "PARLEY_DATABASE_URL", "jdbc:postgresql://db:5432/parley", "PARLEY_DATABASE_USER", "u",
                "PARLEY_DATABASE_PASSWORD", "p", "PARLEY_DATABASE_POOL_SIZE", "4",
                "PARLEY_TRUSTED_PROXIES", "10.0.0.0/8, 192.0.2.1", "PARLEY_EVENT_RETENTION_DAYS", "30",
                "PARLEY_PURGE_INTERVAL", "0"));
        assertThat(set.port()).isEqualTo(9090);
        assertThat(set.eventRetention()).isEqualTo(Duration.ofDays(30));
        assertThat(set.purgeInterval()).isZero();
        assertThat(set.databasePoolSize()).isEqualTo(4);
        assertThat(set.trustedProxies().patterns()).containsExactly("10.0.0.0/8", "192.0.2.1");
        assertThat(set.embedded()).isFalse();
        assertThat(set.toString()).doesNotContain("p]").contains("jdbc:postgresql://db:5432/parley");
    }

    @Test
    void readsTheMetricsTokenAndRefusesALogFormatLogbackWouldNotKnow() {
        assertThat(ParleyConfig.from(Map.of()).metricsToken()).isEmpty();
        assertThat(ParleyConfig.from(Map.of("PARLEY_METRICS_TOKEN", "scrape-token")).metricsToken())
                .contains("scrape-token");
        for (String format : List.of("text", "json")) {
            assertThat(ParleyConfig.from(Map.of("PARLEY_LOG_FORMAT", format))).isNotNull();
        }
        for (String bad : List.of("JSON", "xml", "logfmt")) {
            assertThatThrownBy(() -> ParleyConfig.from(Map.of("PARLEY_LOG_FORMAT", bad)))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("PARLEY_LOG_FORMAT")
                    .hasMessageContaining("'" + bad + "'");
        }
    }

    @Test
    void readsTheWebhookDeliverySettingsAndRefusesBadOnes() {
        assertThat(ParleyConfig.from(Map.of()).webhooks()).isEqualTo(new WebhookConfig(Duration.ofSeconds(20),
                Duration.ofHours(24), Duration.ofSeconds(5), Duration.ofMinutes(15), Duration.ofMinutes(5)));
        assertThat(ParleyConfig.from(Map.of("PARLEY_WEBHOOK_TIMEOUT_SECONDS", "3", "PARLEY_WEBHOOK_RETRY_HOURS", "2",
                "PARLEY_WEBHOOK_BACKOFF_FIRST_MILLIS", "250", "PARLEY_WEBHOOK_BACKOFF_MAX_SECONDS", "60",
                "PARLEY_WEBHOOK_BACKLOG_SECONDS", "30")).webhooks())
                .isEqualTo(new WebhookConfig(Duration.ofSeconds(3), Duration.ofHours(2), Duration.ofMillis(250),
                        Duration.ofMinutes(1), Duration.ofSeconds(30)));
        for (String name : List.of("PARLEY_WEBHOOK_TIMEOUT_SECONDS", "PARLEY_WEBHOOK_RETRY_HOURS",
                "PARLEY_WEBHOOK_BACKOFF_FIRST_MILLIS", "PARLEY_WEBHOOK_BACKOFF_MAX_SECONDS",
                "PARLEY_WEBHOOK_BACKLOG_SECONDS")) {
            for (String bad : List.of("0", "-1", "1.5", "ten", "99999999999")) {
                assertThatThrownBy(() -> ParleyConfig.from(Map.of(name, bad))).isInstanceOf(ConfigException.class)
                        .hasMessageContaining(name).hasMessageContaining("'" + bad + "'");
            }
        }
        assertThatThrownBy(() -> ParleyConfig.from(Map.of("PARLEY_WEBHOOK_BACKOFF_FIRST_MILLIS", "10000",
                "PARLEY_WEBHOOK_BACKOFF_MAX_SECONDS", "5"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("PARLEY_WEBHOOK_BACKOFF_MAX_SECONDS");
        assertThatThrownBy(() -> ParleyConfig.from(Map.of("PARLEY_WEBHOOK_RETRY_HOURS", "24",
                "PARLEY_EVENT_RETENTION_DAYS", "1"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("PARLEY_WEBHOOK_RETRY_HOURS").hasMessageContaining("PARLEY_EVENT_RETENTION_DAYS");
        assertThat(ParleyConfig.from(Map.of("PARLEY_WEBHOOK_RETRY_HOURS", "23", "PARLEY_EVENT_RETENTION_DAYS", "1"))
                .webhooks().retryPeriod()).isEqualTo(Duration.ofHours(23));
    }

    @Test
    void refusesBadVariablesWithMessagesThatSayWhatToSet() {
        assertThatThrownBy(() -> ParleyConfig.from(Map.of("PARLEY_PORT", "eighty")))
                .hasMessageContaining("PARLEY_PORT");
        assertThatThrownBy(() -> ParleyConfig.from(Map.of("PARLEY_DATABASE_URL", "jdbc:mysql://x/y")))
                .hasMessageContaining("jdbc:postgresql://");
        for (String size : new String[]{"0", "-1", "1001", "many", "2.5"}) {
            assertThatThrownBy(() -> ParleyConfig.from(Map.of("PARLEY_DATABASE_POOL_SIZE", size)))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("PARLEY_DATABASE_POOL_SIZE").hasMessageContaining("'" + size + "'");
        }
        assertThatThrownBy(() -> ParleyConfig.from(Map.of("PARLEY_TRUSTED_PROXIES", "10.0.0.0/8,lb.internal")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("PARLEY_TRUSTED_PROXIES").hasMessageContaining("'lb.internal'");
        for (String days : new String[]{"0", "-1", "seven", "1.5", "7d"}) {
            assertThatThrownBy(() -> ParleyConfig.from(Map.of("PARLEY_EVENT_RETENTION_DAYS", days)))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("PARLEY_EVENT_RETENTION_DAYS").hasMessageContaining("'" + days + "'");
        }
        assertThatThrownBy(() -> ParleyConfig.from(Map.of("PARLEY_PURGE_INTERVAL", "30s")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("PARLEY_PURGE_INTERVAL");
        assertThatThrownBy(() -> MasterKey.parse("c2hvcnQ=")).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> MasterKey.parse("%%%")).hasMessageContaining("base64");
    }

    @Test
    void readsTheNetworksWebhooksMayReachBesideThePublicOnes() throws Exception {
        assertThat(ParleyConfig.from(Map.of()).webhookAllowedNetworks().isEmpty()).as("none by default").isTrue();
        ParleyConfig config = ParleyConfig.from(Map.of("PARLEY_WEBHOOK_ALLOWED_NETWORKS",
                "10.20.0.0/16, 127.0.0.1/32,fd00::/8"));
        assertThat(config.webhookAllowedNetworks().patterns()).containsExactly("10.20.0.0/16", "127.0.0.1/32",
                "fd00::/8");
        assertThat(config.webhookAllowedNetworks().contains(java.net.InetAddress.getByName("10.20.3.4"))).isTrue();
        assertThat(config.webhookAllowedNetworks().contains(java.net.InetAddress.getByName("10.21.0.1"))).isFalse();
        for (String list : new String[]{"internal.example", "10.0.0.0/33", "10.0.0.0/8,*", "fd00::/129"}) {
            assertThatThrownBy(() -> ParleyConfig.from(Map.of("PARLEY_WEBHOOK_ALLOWED_NETWORKS", list)))
                    .as(list).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("PARLEY_WEBHOOK_ALLOWED_NETWORKS");
        }
    }

    @Test
    void readsThePublicUrlWithoutItsTrailingSlash() {
        assertThat(ParleyConfig.from(Map.of()).publicUrl()).isEmpty();
        assertThat(ParleyConfig.from(Map.of("PARLEY_PUBLIC_URL", "https://parley.example.com/")).publicUrl())
                .contains("https://parley.example.com");
        assertThat(ParleyConfig.from(Map.of("PARLEY_PUBLIC_URL", " http://example.com:8443/parley// ")).publicUrl())
                .contains("http://example.com:8443/parley");
        assertThat(ParleyConfig.from(Map.of("PARLEY_PUBLIC_URL", "https://[2001:db8::1]")).publicUrl())
                .contains("https://[2001:db8::1]");
    }

    @Test
    void refusesAPublicUrlClientsCouldNotUseNamingTheVariableButNeverItsValue() {
        for (String url : new String[]{"parley.example.com", "/parley", "ftp://example.com", "https://",
                "https:///parley", "https://exa mple.com", "https://example.com:99999", "https:example.com",
                "https://user:s3cret-password@example.com", "https://example.com/?a=b", "https://example.com?",
                "https://example.com/#top"}) {
            assertThatThrownBy(() -> ParleyConfig.from(Map.of("PARLEY_PUBLIC_URL", url)))
                    .as(url)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("PARLEY_PUBLIC_URL must")
                    .hasMessageNotContaining("s3cret-password");
        }
    }

    @Test
    void readsTheBindAddressAsAnIpLiteral() {
        assertThat(ParleyConfig.from(Map.of()).bindAddress()).as("every interface").isEmpty();
        for (String address : new String[]{"127.0.0.1", "0.0.0.0", "::1", "::", "2001:db8::1", " 10.0.0.5 "}) {
            assertThat(ParleyConfig.from(Map.of("PARLEY_BIND_ADDRESS", address)).bindAddress()).as(address)
                    .hasValueSatisfying(parsed -> assertThat(parsed.getHostAddress()).isNotBlank());
        }
        assertThat(ParleyConfig.from(Map.of("PARLEY_BIND_ADDRESS", "127.0.0.1")).bindAddress().orElseThrow()
                .getHostAddress()).isEqualTo("127.0.0.1");
    }

    @Test
    void refusesABindAddressThatIsNoIpLiteralWithoutLookingItUp() {
        for (String address : new String[]{"localhost", "parley.example.com", "127.0.0.1:8080", "[::1]", "256.0.0.1",
                "10.0.0", "g::1", "::g", "127.0.0.1,10.0.0.1", "eth0"}) {
            assertThatThrownBy(() -> ParleyConfig.from(Map.of("PARLEY_BIND_ADDRESS", address)))
                    .as(address)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("PARLEY_BIND_ADDRESS").hasMessageContaining("'" + address + "'");
        }
    }

    @Test
    void aBadEventRetentionStopsTheServerWithAMessageNamingIt(@org.junit.jupiter.api.io.TempDir Path dataDir)
            throws Exception {
        try (ParleyProcess parley = ParleyProcess.start(Map.of("PARLEY_DATA_DIR", dataDir.toString(),
                "PARLEY_PORT", "0", "PARLEY_EVENT_RETENTION_DAYS", "0"))) {
            assertThat(parley.awaitExit(Duration.ofSeconds(30))).isNotZero();
            assertThat(parley.output()).contains("PARLEY_EVENT_RETENTION_DAYS must be a whole number of days");
        }
    }

    @Test
    void postgresWithoutAMasterKeyRefusesToStart(@org.junit.jupiter.api.io.TempDir Path dataDir) {
        ParleyConfig config = ParleyConfig.from(Map.of("PARLEY_DATA_DIR", dataDir.toString(),
                "PARLEY_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/test", "PARLEY_PORT", "0"));
        assertThatThrownBy(() -> ParleyServer.start(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("PARLEY_MASTER_KEY is required with PostgreSQL")
                .hasMessageContaining("head -c 32 /dev/urandom | base64 -w0");
    }

    @Test
    void generatesTheOperatorTokenAndMasterKeyIntoTheDataDirOwnerOnly(@org.junit.jupiter.api.io.TempDir Path dataDir)
            throws Exception {
        try (ParleyProcess parley = ParleyProcess.start(Map.of("PARLEY_DATA_DIR", dataDir.toString(),
                "PARLEY_PORT", "0"))) {
            parley.awaitReady();
            Path token = dataDir.resolve("operator-token");
            Path masterKey = dataDir.resolve("master-key");
            Set<PosixFilePermission> ownerOnly = Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            assertThat(Files.getPosixFilePermissions(token)).isEqualTo(ownerOnly);
            assertThat(Files.getPosixFilePermissions(masterKey)).isEqualTo(ownerOnly);
            MasterKey.parse(Files.readString(masterKey));
            String tokenText = Files.readString(token).strip();
            assertThat(tokenText).hasSizeGreaterThanOrEqualTo(43);
            assertThat(parley.output()).contains(token.toString()).doesNotContain(tokenText);
            parley.terminate();
            assertThat(parley.awaitExit(Duration.ofSeconds(30))).isZero();
        }
    }
}
