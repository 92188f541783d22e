package dev.parley.config;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.util.InetAddressSet;

/** A configured list of IP addresses and CIDR ranges ({@code 10.0.0.0/8}, {@code 2001:db8::/32}). */
public final class AddressRanges {
    public static final AddressRanges NONE = new AddressRanges(new InetAddressSet(), List.of());

    private final InetAddressSet addresses;
    private final List<String> patterns;

    private AddressRanges(InetAddressSet addresses, List<String> patterns) {
        this.addresses = addresses;
        this.patterns = patterns;
    }

    /** Parses a comma-separated list; fails with a message naming the entry that is neither. */
    public static AddressRanges parse(String list) {
        InetAddressSet addresses = new InetAddressSet();
        List<String> patterns = new ArrayList<>();
        for (String entry : list.split(",")) {
            String pattern = entry.strip();
            if (pattern.isEmpty()) {
                continue;
            }
            if (!isAddressOrRange(pattern)) {
                throw new IllegalArgumentException("'" + pattern + "' is neither an IP address nor a CIDR range "
                        + "such as 10.0.0.0/8");
            }
            addresses.add(pattern);
            patterns.add(pattern);
        }
        return patterns.isEmpty() ? NONE : new AddressRanges(addresses, List.copyOf(patterns));
    }

    public boolean contains(InetAddress address) {
        return !patterns.isEmpty() && addresses.test(address);
    }

    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    public List<String> patterns() {
        return patterns;
    }

    private static boolean isAddressOrRange(String pattern) {
        int slash = pattern.indexOf('/');
        if (slash < 0) {
            return TrustedProxies.literal(pattern).isPresent();
        }
        Optional<InetAddress> address = TrustedProxies.literal(pattern.substring(0, slash));
        String bits = pattern.substring(slash + 1);
        if (address.isEmpty() || !bits.matches("[0-9]{1,3}")) {
            return false;
        }
        return Integer.parseInt(bits) <= address.get().getAddress().length * 8;
    }

    @Override
    public String toString() {
        return String.join(",", patterns);
    }
}
