package dev.parley.accounts;

/**
 * One software maker using Parley.
 *
 * @param maxApps  the plan's cap on apps, or null for no cap
 * @param appCount how many apps the account has now
 */
public record Account(String id, String displayName, Integer maxApps, int appCount) {
}
