package dev.parley.auth;

/** How far a kind of key may take one action, within its own account (nothing of another account exists for it). */
public enum Reach {
    /** Anywhere in the account. */
    ACCOUNT,
    /** Only on the apps its service account created or was granted; the account's other apps do not exist for it. */
    GRANTED_APPS,
    /** Only on its own app; the account's other apps are forbidden to it (403), as the provisioning API answers. */
    OWN_APP,
    /**
     * Only inside its own app; the account's other apps do not exist for it (404 {@code app_not_found}), as for an
     * app of another account: the data plane shows an app key nothing of the apps beside its own.
     */
    OWN_APP_HIDING_OTHERS,
    /**
     * Only the webhooks of its own integration, inside its own app: another integration of the app is forbidden to
     * it (403), the account's other apps do not exist for it (404).
     */
    OWN_INTEGRATION,
    /**
     * Nowhere, and more: forbidden (403) in its own app, while the account's other apps do not exist for it (404
     * {@code app_not_found}) whatever the action. Written in the {@code READ_APP} row, it hides the other apps
     * from every action of that kind of key, as integration keys see the account.
     */
    NONE_IN_OWN_APP,
    /** Nowhere: forbidden. */
    NONE
}
