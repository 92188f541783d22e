package dev.parley.integrations;

import dev.parley.api.ApiException;
import dev.parley.config.AddressRanges;
import dev.parley.config.IpLiteral;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * The one check of where a webhook may send requests: an absolute http or https URL whose host resolves only to
 * public addresses, or to addresses of the networks the operator allows (PARLEY_WEBHOOK_ALLOWED_NETWORKS). Checked
 * when a webhook is created or changed, and again before every delivery, which connects only to the address this
 * check returns: a name that resolved to a public address at creation cannot be turned towards an internal one
 * later.
 */
public final class WebhookTargets {
    public static final int MAX_LENGTH = 2048;

    /**
     * Addresses that are not public: this host, private and shared networks, link-local (cloud metadata at
     * 169.254.169.254 among them), multicast, reserved and documentation ranges, and the IPv6 forms that carry an
     * IPv4 address inside (IPv4-compatible, NAT64, 6to4, Teredo). IPv4-mapped IPv6 addresses need no entry: Java
     * reads them as the IPv4 address they map.
     */
    private static final AddressRanges NOT_PUBLIC = AddressRanges.parse(String.join(",",
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15",
            "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
            "::/96", "64:ff9b::/96", "64:ff9b:1::/48", "100::/64", "2001::/23", "2001:db8::/32", "2002::/16",
            "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8"));

    /** Looks a host name up; the system's resolver outside tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final AddressRanges allowed;
    private final Resolver resolver;

    public WebhookTargets(AddressRanges allowed) {
        this(allowed, InetAddress::getAllByName);
    }

    public WebhookTargets(AddressRanges allowed, Resolver resolver) {
        this.allowed = allowed;
        this.resolver = resolver;
    }

    /**
     * The address to connect to for the target: every address its host resolves to must be allowed (a name with
     * one internal address among public ones is refused); the first is returned. Throws a 400 naming what is wrong.
     */
    public InetAddress resolve(String target) {
        String host = parse(target).getHost();
        InetAddress[] addresses = addressesOf(host);
        for (InetAddress address : addresses) {
            if (NOT_PUBLIC.contains(address) && !allowed.contains(address)) {
                throw ApiException.badRequest("target must reach a public address: its host is (or resolves to) "
                        + "a loopback, private, link-local or otherwise reserved address; an operator can allow "
                        + "such networks with PARLEY_WEBHOOK_ALLOWED_NETWORKS");
            }
        }
        return addresses[0];
    }

    /** The target as a URL, when it is an absolute http or https URL with a host and no user name or password. */
    static URI parse(String target) {
        if (target.length() > MAX_LENGTH) {
            throw ApiException.badRequest("target must be at most " + MAX_LENGTH + " characters");
        }
        URI url;
        try {
            url = new URI(target);
        } catch (URISyntaxException e) {
            throw notAUrl();
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw ApiException.badRequest("target must be an http:// or https:// URL");
        }
        if (url.getHost() == null || url.getHost().isEmpty()) {
            throw notAUrl();
        }
        if (url.getRawUserInfo() != null) {
            throw ApiException.badRequest("target must not carry a user name or password; receivers authenticate "
                    + "deliveries by the webhook's secret");
        }
        return url;
    }

    private InetAddress[] addressesOf(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        Optional<InetAddress> literal = IpLiteral.parse(bare);
        if (literal.isPresent()) {
            return new InetAddress[]{literal.get()};
        }
        try {
            InetAddress[] resolved = resolver.resolve(bare);
            if (resolved.length == 0) {
                throw unresolved();
            }
            return resolved;
        } catch (UnknownHostException e) {
            throw unresolved();
        }
    }

    private static ApiException notAUrl() {
        return ApiException.badRequest("target must be an absolute URL with a host, such as "
                + "https://example.com/callback");
    }

    private static ApiException unresolved() {
        return ApiException.badRequest("target's host name could not be resolved to an address");
    }
}
