package dev.parley.dashboard;

import dev.parley.accounts.Account;

/** How much of the account's plan its apps use: "3 of 5", or "3 (unlimited)" when the plan has no cap. */
public record PlanUsage(int used, Integer max) {

    public static PlanUsage of(Account account) {
        return new PlanUsage(account.appCount(), account.maxApps());
    }

    public boolean unlimited() {
        return max == null;
    }

    public boolean full() {
        return max != null && used >= max;
    }

    /** Used share of the plan as a whole percentage, for the meter; 0 when unlimited. */
    public int percent() {
        if (max == null) {
            return 0;
        }
        return max == 0 ? 100 : (int) Math.min(100, Math.round(100.0 * used / max));
    }
}
