package dev.parley.auth;

/**
 * An app as the access policy sees it.
 *
 * @param reachedByCaller whether the calling service account created or was granted the app; false for any
 *                        other caller
 */
public record AppTarget(String appId, String accountId, boolean reachedByCaller) {
}
