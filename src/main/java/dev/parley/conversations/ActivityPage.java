package dev.parley.conversations;

import java.util.List;

/**
 * A page of an app's conversations, most recently active first.
 *
 * @param newer the cursor of the page before this one (more recently active), or null when this is the first
 * @param older the cursor of the page after this one (less recently active), or null when this is the last
 */
public record ActivityPage(List<ActiveConversation> items, ActivityCursor newer, ActivityCursor older) {

    static ActivityPage of(List<ActiveConversation> items, boolean hasNewer, boolean hasOlder) {
        if (items.isEmpty()) {
            return new ActivityPage(List.of(), null, null);
        }
        return new ActivityPage(List.copyOf(items), hasNewer ? items.get(0).cursor() : null,
                hasOlder ? items.get(items.size() - 1).cursor() : null);
    }
}
