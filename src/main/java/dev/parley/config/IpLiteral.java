package dev.parley.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** An IP address written as one, parsed without ever looking a name up. */
public final class IpLiteral {
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])"
            + "(\\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}");
    /** A hex digit or colon first, a colon somewhere, dots only for an IPv4 tail, perhaps a zone ({@code %eth0}). */
    private static final Pattern IPV6 = Pattern.compile("(?=[^%]*:)[0-9A-Fa-f:][0-9A-Fa-f:.]*(%[\\w.-]+)?");

    private IpLiteral() {
    }

    /** The address, or empty for anything else, a host name included. */
    public static Optional<InetAddress> parse(String text) {
        if (!IPV4.matcher(text).matches() && !IPV6.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            // A dotted quad, or text that starts with a hex digit or a colon and has one, is parsed as an address
            // and never resolved.
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
