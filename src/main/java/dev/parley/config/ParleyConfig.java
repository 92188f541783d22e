package dev.parley.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything Parley reads from its environment, checked once at start.
 *
 * @param port             PARLEY_PORT, default 8080
 * @param dataDir          PARLEY_DATA_DIR, default ./parley-data: the embedded database and generated secrets
 * @param databaseUrl      PARLEY_DATABASE_URL, a jdbc:postgresql:// URL; empty for the embedded database
 * @param databaseUser     PARLEY_DATABASE_USER
 * @param databasePassword PARLEY_DATABASE_PASSWORD
 * @param masterKey        PARLEY_MASTER_KEY, 32 bytes in standard base64
 * @param operatorToken    PARLEY_OPERATOR_TOKEN
 * @param rateLimits       PARLEY_RATE_LIMITS and the limits themselves
 * @param databaseStartupTimeout PARLEY_DATABASE_STARTUP_TIMEOUT, seconds to wait for the database at start (default 30)
 * @param databasePoolSize PARLEY_DATABASE_POOL_SIZE, the most database connections the server holds (default 16)
 * @param trustedProxies   PARLEY_TRUSTED_PROXIES, the proxies whose X-Forwarded-For names the client (default none)
 * @param publicUrl        PARLEY_PUBLIC_URL, the base URL clients reach Parley at, without a trailing slash; when
 *                         empty, links are made from the scheme and Host header of each request
 * @param bindAddress      PARLEY_BIND_ADDRESS, the one address to listen on; empty for every interface (default)
 * @param eventRetention   PARLEY_EVENT_RETENTION_DAYS, how long an app's events are kept (whole days, default 7)
 * @param purgeInterval    PARLEY_PURGE_INTERVAL, seconds between two runs of the background purges (default 30;
 *                         0 runs none on this server)
 * @param webhookAllowedNetworks PARLEY_WEBHOOK_ALLOWED_NETWORKS, the CIDR ranges of addresses that are not public
 *                         which webhook targets may nevertheless reach (default none)
 * @param webhooks         PARLEY_WEBHOOK_TIMEOUT_SECONDS, PARLEY_WEBHOOK_RETRY_HOURS and the retries' backoff
 * @param metricsToken     PARLEY_METRICS_TOKEN, the bearer token GET /metrics needs; empty leaves it open
 * @param importMaxBytes   PARLEY_IMPORT_MAX_BYTES, the largest body an app import reads (default 1 GiB)
 */
public record ParleyConfig(
        int port,
        Path dataDir,
        Optional<String> databaseUrl,
        Optional<String> databaseUser,
        Optional<String> databasePassword,
        Optional<String> masterKey,
        Optional<String> operatorToken,
        RateLimitConfig rateLimits,
        Duration databaseStartupTimeout,
        int databasePoolSize,
        TrustedProxies trustedProxies,
        Optional<String> publicUrl,
        Optional<InetAddress> bindAddress,
        Duration eventRetention,
        Duration purgeInterval,
        AddressRanges webhookAllowedNetworks,
        WebhookConfig webhooks,
        Optional<String> metricsToken,
        long importMaxBytes) {

    public ParleyConfig {
        if (webhooks.retryPeriod().compareTo(eventRetention) >= 0) {
            // A delivery is deleted with its event, so a longer retry period would end in silence, not a give-up.
            throw new ConfigException("PARLEY_WEBHOOK_RETRY_HOURS (" + webhooks.retryPeriod().toHours() + ") must be "
                    + "shorter than PARLEY_EVENT_RETENTION_DAYS (" + eventRetention.toDays() + " days): a delivery "
                    + "leaves the log with its event");
        }
    }


    public static final int DEFAULT_PORT = 8080;
    public static final String DEFAULT_DATA_DIR = "parley-data";
    public static final int DEFAULT_DATABASE_POOL_SIZE = 16;
    private static final int MAX_DATABASE_POOL_SIZE = 1000;
    public static final int DEFAULT_EVENT_RETENTION_DAYS = 7;
    public static final int DEFAULT_PURGE_INTERVAL_SECONDS = 30;
    public static final long DEFAULT_IMPORT_MAX_BYTES = 1L << 30;

    public static ParleyConfig fromEnvironment() {
        return from(System.getenv());
    }

    /** Reads the configuration from a map of environment variables; fails with a message naming the variable. */
    public static ParleyConfig from(Map<String, String> env) {
        int port = parsePort(value(env, "PARLEY_PORT").orElse(String.valueOf(DEFAULT_PORT)));
        Path dataDir = Path.of(value(env, "PARLEY_DATA_DIR").orElse(DEFAULT_DATA_DIR)).toAbsolutePath().normalize();
        Optional<String> databaseUrl = value(env, "PARLEY_DATABASE_URL");
        databaseUrl.ifPresent(url -> {
            if (!url.startsWith("jdbc:postgresql://")) {
                throw new ConfigException("PARLEY_DATABASE_URL must be a jdbc:postgresql:// URL, "
                        + "for example jdbc:postgresql://127.0.0.1:5432/parley; leave it unset for the embedded database");
            }
        });
        checkLogFormat(value(env, "PARLEY_LOG_FORMAT"));
        return new ParleyConfig(port, dataDir, databaseUrl,
                value(env, "PARLEY_DATABASE_USER"),
                value(env, "PARLEY_DATABASE_PASSWORD"),
                value(env, "PARLEY_MASTER_KEY"),
                value(env, "PARLEY_OPERATOR_TOKEN"),
                RateLimitConfig.from(env),
                Duration.ofSeconds(seconds(value(env, "PARLEY_DATABASE_STARTUP_TIMEOUT").orElse("30"),
                        "PARLEY_DATABASE_STARTUP_TIMEOUT")),
                poolSize(value(env, "PARLEY_DATABASE_POOL_SIZE").orElse(String.valueOf(DEFAULT_DATABASE_POOL_SIZE))),
                trustedProxies(value(env, "PARLEY_TRUSTED_PROXIES").orElse("")),
                value(env, "PARLEY_PUBLIC_URL").map(ParleyConfig::publicUrl),
                value(env, "PARLEY_BIND_ADDRESS").map(ParleyConfig::bindAddress),
                Duration.ofDays(eventRetentionDays(value(env, "PARLEY_EVENT_RETENTION_DAYS")
                        .orElse(String.valueOf(DEFAULT_EVENT_RETENTION_DAYS)))),
                Duration.ofSeconds(seconds(value(env, "PARLEY_PURGE_INTERVAL")
                        .orElse(String.valueOf(DEFAULT_PURGE_INTERVAL_SECONDS)), "PARLEY_PURGE_INTERVAL")),
                webhookAllowedNetworks(value(env, "PARLEY_WEBHOOK_ALLOWED_NETWORKS").orElse("")),
                WebhookConfig.from(env),
                value(env, "PARLEY_METRICS_TOKEN"),
                importMaxBytes(value(env, "PARLEY_IMPORT_MAX_BYTES").orElse(String.valueOf(DEFAULT_IMPORT_MAX_BYTES))));
    }

    /**
     * PARLEY_LOG_FORMAT is read by logback.xml itself, which picks the appender of that name; a misspelt value would
     * leave the log silent, so it stops the server instead.
     */
    private static void checkLogFormat(Optional<String> format) {
        if (format.isPresent() && !format.get().equals("text") && !format.get().equals("json")) {
            throw new ConfigException("PARLEY_LOG_FORMAT must be text or json, not '" + format.get() + "'");
        }
    }

    private static long importMaxBytes(String text) {
        if (text.strip().matches("[0-9]{1,15}") && Long.parseLong(text.strip()) > 0) {
            return Long.parseLong(text.strip());
        }
        throw new ConfigException("PARLEY_IMPORT_MAX_BYTES must be a whole number of bytes from 1, not '" + text
                + "'");
    }

    public boolean embedded() {
        return databaseUrl.isEmpty();
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
    }

    private static long seconds(String text, String name) {
        if (text.strip().matches("[0-9]{1,6}")) {
            return Long.parseLong(text.strip());
        }
        throw new ConfigException(name + " must be a whole number of seconds, not '" + text + "'");
    }

    private static TrustedProxies trustedProxies(String list) {
        try {
            return TrustedProxies.parse(list);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("PARLEY_TRUSTED_PROXIES must list IP addresses or CIDR ranges separated by "
                    + "commas: " + e.getMessage());
        }
    }

    private static AddressRanges webhookAllowedNetworks(String list) {
        try {
            return AddressRanges.parse(list);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("PARLEY_WEBHOOK_ALLOWED_NETWORKS must list CIDR ranges (or single addresses) "
                    + "separated by commas: " + e.getMessage());
        }
    }

    /**
     * An absolute http or https URL with a host, and perhaps a port and a path prefix; the trailing slash dropped. The
     * value is never echoed: user info, refused here, would be a password in the log.
     */
    private static String publicUrl(String text) {
        URI url;
        try {
            url = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw publicUrlError();
        }
        if (url.getScheme() == null || !url.getScheme().matches("(?i)https?") || url.getHost() == null
                || url.getPort() > 65535) {
            throw publicUrlError();
        }
        if (url.getRawUserInfo() != null) {
            throw new ConfigException("PARLEY_PUBLIC_URL must not carry a user name or password");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new ConfigException("PARLEY_PUBLIC_URL must not have a query (?…) or a fragment (#…)");
        }
        return url.toString().replaceAll("/+$", "");
    }

    private static ConfigException publicUrlError() {
        return new ConfigException("PARLEY_PUBLIC_URL must be the absolute http:// or https:// URL clients reach "
                + "Parley at, such as https://parley.example.com or https://example.com/parley");
    }

    /** An IP address as written, never a name: a name could resolve to another address tomorrow, or to several. */
    private static InetAddress bindAddress(String text) {
        return IpLiteral.parse(text.strip()).orElseThrow(() -> new ConfigException("PARLEY_BIND_ADDRESS must be an "
                + "IPv4 or IPv6 address of this machine, such as 127.0.0.1 or ::1 (names are not looked up), or "
                + "0.0.0.0 for every IPv4 interface; not '" + text + "'"));
    }

    private static int poolSize(String text) {
        if (text.strip().matches("[0-9]{1,4}")) {
            int size = Integer.parseInt(text.strip());
            if (size >= 1 && size <= MAX_DATABASE_POOL_SIZE) {
                return size;
            }
        }
        throw new ConfigException("PARLEY_DATABASE_POOL_SIZE must be a whole number of connections from 1 to "
                + MAX_DATABASE_POOL_SIZE + ", not '" + text + "'");
    }

    private static int eventRetentionDays(String text) {
        if (text.strip().matches("[0-9]{1,5}") && Integer.parseInt(text.strip()) >= 1) {
            return Integer.parseInt(text.strip());
        }
        throw new ConfigException("PARLEY_EVENT_RETENTION_DAYS must be a whole number of days from 1, not '" + text
                + "'");
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text.strip());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException("PARLEY_PORT must be a port number from 0 to 65535, not '" + text + "'");
    }

    @Override
    public String toString() {
        return "ParleyConfig[port=" + port + ", dataDir=" + dataDir + ", database="
                + (embedded() ? "embedded" : DatabaseUrls.redact(databaseUrl.get())) + "]";
    }
}
