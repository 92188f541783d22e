package dev.parley.apps;

import org.jdbi.v3.core.Handle;

/** What apps need to know of service accounts, answered by the service accounts' store. */
@FunctionalInterface
public interface ServiceAccountDirectory {
    /** Whether the service account with this id exists in that account. */
    boolean belongsTo(Handle handle, String serviceAccountId, String accountId);
}
