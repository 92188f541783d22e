package dev.parley.conversations;

import java.util.List;

/**
 * A page of an app's conversations, most recently active first.
 *
 * @param older the cursor of the page after this one (less recently active), or null when this is the last
 */
public record ActivityPage(List<ActiveConversation> items, ActivityCursor older) {
}
