package dev.parley.config;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The load balancers and reverse proxies in front of Parley (PARLEY_TRUSTED_PROXIES), whose X-Forwarded-For and
 * X-Forwarded-Proto are believed. The client's address is the nearest one in X-Forwarded-For that is not itself a
 * trusted proxy: proxies append the address they received the request from, so everything left of that may have
 * been written by the client. Without trusted proxies, and for requests from any other peer, both headers are
 * ignored.
 */
public final class TrustedProxies {
    public static final TrustedProxies NONE = new TrustedProxies(AddressRanges.NONE);
    public static final String FORWARDED_FOR = "X-Forwarded-For";
    public static final String FORWARDED_PROTO = "X-Forwarded-Proto";

    private static final Pattern IPV4_WITH_PORT = Pattern.compile("([0-9.]+):[0-9]{1,5}");
    private static final Pattern BRACKETED_IPV6 = Pattern.compile("\\[([^\\]]+)](:[0-9]{1,5})?");

    private final AddressRanges trusted;

    private TrustedProxies(AddressRanges trusted) {
        this.trusted = trusted;
    }

    /**
     * Parses a comma-separated list of addresses and CIDR ranges ({@code 10.0.0.0/8}, {@code 2001:db8::/32});
     * fails with a message naming the entry that is neither.
     */
    public static TrustedProxies parse(String list) {
        AddressRanges trusted = AddressRanges.parse(list);
        return trusted.isEmpty() ? NONE : new TrustedProxies(trusted);
    }

    /** The client's address for a request from {@code peer} carrying these X-Forwarded-For header values. */
    public String clientAddress(String peer, List<String> forwardedFor) {
        if (trusted.isEmpty() || forwardedFor.isEmpty() || !isTrusted(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                hops.add(hop.strip());
            }
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = literal(hops.get(i));
            if (hop.isEmpty()) {
                // Not an address: the last trusted hop is as far back as anything can be vouched for.
                return client;
            }
            client = hop.get().getHostAddress();
            if (!trusted.contains(hop.get())) {
                return client;
            }
        }
        return client;
    }

    /** Whether a trusted proxy says it received the request over TLS (the nearest proxy's word counts). */
    public boolean forwardedOverTls(String peer, List<String> forwardedProto) {
        if (trusted.isEmpty() || forwardedProto.isEmpty() || !isTrusted(peer)) {
            return false;
        }
        String[] protocols = forwardedProto.get(forwardedProto.size() - 1).split(",");
        return protocols[protocols.length - 1].strip().equalsIgnoreCase("https");
    }

    public List<String> patterns() {
        return trusted.patterns();
    }

    private boolean isTrusted(String address) {
        return literal(address).map(trusted::contains).orElse(false);
    }

    /**
     * An IP address written as one (a port after it is dropped), never looked up: anything else, a host name
     * included, is empty.
     */
    static Optional<InetAddress> literal(String text) {
        String address = text.strip();
        var bracketed = BRACKETED_IPV6.matcher(address);
        if (bracketed.matches()) {
            address = bracketed.group(1);
        } else if (IPV4_WITH_PORT.matcher(address).matches()) {
            address = address.substring(0, address.indexOf(':'));
        }
        return IpLiteral.parse(address);
    }

    @Override
    public String toString() {
        return trusted.toString();
    }
}
