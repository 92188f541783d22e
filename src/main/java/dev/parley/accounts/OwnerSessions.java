package dev.parley.accounts;

import org.jdbi.v3.core.Handle;

/** An owner's dashboard sessions, which a change of their password ends in the transaction that makes it. */
public interface OwnerSessions {

    void endAll(Handle handle, String ownerId);

    /** Ends every session of the owner but the one stored under {@code keptTokenHash}. */
    void endAllExcept(Handle handle, String ownerId, String keptTokenHash);
}
