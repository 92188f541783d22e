package dev.parley.webhooks;

import dev.parley.api.ApiException;
import dev.parley.integrations.WebhookTargets;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Every delivery's target checked again as at the webhook's creation ({@link WebhookTargets}): a target that now
 * reaches an address that is not public is given up on. A name that does not resolve right now is tried again later,
 * as a passing failure of DNS, rather than given up on.
 */
public final class CheckedTargets implements TargetAddresses {
    private final WebhookTargets targets;

    public CheckedTargets(WebhookTargets targets) {
        this.targets = targets;
    }

    @Override
    public InetAddress check(URI target) throws UnknownHostException, RefusedTarget {
        String host = target.getHost();
        if (host != null && !host.startsWith("[")) {
            // Throws when the name does not resolve now; resolved again below from the JVM's cache.
            InetAddress.getAllByName(host);
        }
        try {
            return targets.resolve(target.toString());
        } catch (ApiException refused) {
            throw new RefusedTarget(refused.title());
        }
    }
}
