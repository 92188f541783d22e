package dev.parley.auth;

/** What a caller asks to do; the access table says, for each kind of key, whether and where it may. */
public enum Action {
    CREATE_APP,
    LIST_APPS,
    READ_APP,
    UPDATE_APP,
    DELETE_APP,
    MANAGE_APP_KEYS,
    GRANT_APP_ACCESS,
    MANAGE_SERVICE_ACCOUNTS,
    READ_ACCOUNT,
    MANAGE_ACCOUNT_KEYS,
    /** Users of an app, their clients and devices. */
    MANAGE_USERS,
    /** Conversations of an app, their participants, messages and activity. */
    MANAGE_CONVERSATIONS,
    /** The app's event log. */
    READ_EVENTS,
    /** The app's integrations and their keys. */
    MANAGE_INTEGRATIONS,
    /** The webhooks of an app's integrations. */
    MANAGE_WEBHOOKS,
    /** The app's switchboard and its switchboard integrations. */
    MANAGE_SWITCHBOARDS,
    /**
     * The switchboard actions on a conversation (pass, offer, accept, release control); an integration key's further
     * limits (accept only while pending, release only while active) depend on the conversation's state.
     */
    CONTROL_CONVERSATIONS,
    /** The app's attachments: uploading files and removing them (serving them needs no key). */
    MANAGE_ATTACHMENTS,
    /** The export of all of an app's data (users, conversations, messages, integrations without secrets). */
    EXPORT_APP_DATA,
    /** The import of such an export into an app. */
    IMPORT_APP_DATA
}
