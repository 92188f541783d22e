package dev.parley.auth;

/** How far a kind of key may take one action, within its own account (nothing of another account exists for it). */
public enum Reach {
    /** Anywhere in the account. */
    ACCOUNT,
    /** Only on the apps its service account created or was granted; the account's other apps do not exist for it. */
    GRANTED_APPS,
    /** Only on its own app; the account's other apps are forbidden to it. */
    OWN_APP,
    /** Nowhere: forbidden. */
    NONE
}
