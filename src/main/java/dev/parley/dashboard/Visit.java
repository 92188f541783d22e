package dev.parley.dashboard;

import dev.parley.api.Origin;
import dev.parley.audit.Actor;
import dev.parley.auth.Principal;

/** A request of a signed-in owner: their session, where the request came from, and the principal the services act for. */
public record Visit(DashboardSession session, Origin origin) {

    public Principal principal() {
        return session.principal().from(origin);
    }

    /** The owner, as the audit log records what they change. */
    public Actor actor() {
        return Actor.of(principal());
    }
}
