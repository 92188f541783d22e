package dev.parley.transfer;

import dev.parley.audit.Actor;

/**
 * Where an import writes and as whom: the app, its account and the caller (for the audit log of the configuration
 * it creates), and whether each created object records the event its creation through the API records.
 */
public record ImportInto(String appId, String accountId, Actor actor, boolean withEvents) {
}
