package dev.parley.webhooks;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Where a delivery may connect: the one address of a webhook's target, checked again at every delivery. The sender
 * connects to that address only, whatever the name resolves to a moment later.
 */
public interface TargetAddresses {
    /**
     * @throws UnknownHostException when the name does not resolve now (the delivery is tried again later)
     * @throws RefusedTarget        when the target must never be reached (the delivery is given up on)
     */
    InetAddress check(URI target) throws UnknownHostException, RefusedTarget;

    /** A target no delivery may reach, such as one of a private network; the message says why, without secrets. */
    final class RefusedTarget extends Exception {
        public RefusedTarget(String message) {
            super(message, null, false, false);
        }
    }
}
