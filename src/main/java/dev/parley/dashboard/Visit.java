package dev.parley.dashboard;

import dev.parley.auth.Principal;

/** A request of a signed-in owner: their session, and the principal the services act for. */
public record Visit(DashboardSession session) {

    public Principal principal() {
        return session.principal();
    }
}
