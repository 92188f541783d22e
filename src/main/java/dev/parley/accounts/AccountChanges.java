package dev.parley.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.http.JsonFields;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A validated account create or update body.
 *
 * @param maxApps present when the body names maxApps: empty inside for null (no cap)
 */
public record AccountChanges(Optional<String> displayName, Optional<OptionalInt> maxApps) {
    private static final Set<String> FIELDS = Set.of("displayName", "maxApps");

    public static AccountChanges forCreate(ObjectNode body) {
        return parse(body, true);
    }

    public static AccountChanges forUpdate(ObjectNode body) {
        return parse(body, false);
    }

    private static AccountChanges parse(ObjectNode body, boolean create) {
        JsonFields.allowOnly(body, "The account", FIELDS);
        Optional<String> displayName = JsonFields.displayName(body, "displayName", create);
        JsonNode maxApps = body.get("maxApps");
        Optional<OptionalInt> cap = maxApps == null ? Optional.empty()
                : Optional.of(maxApps.isNull() ? OptionalInt.empty()
                : OptionalInt.of((int) JsonFields.integer(maxApps, "maxApps", 0, Integer.MAX_VALUE)));
        return new AccountChanges(displayName, cap);
    }

    /** The plan limit the body sets (null for no cap), or {@code current} when the body does not name maxApps. */
    Integer maxAppsOr(Integer current) {
        if (maxApps.isEmpty()) {
            return current;
        }
        return maxApps.get().isPresent() ? maxApps.get().getAsInt() : null;
    }
}
