package dev.parley.dashboard;

import dev.parley.users.Client;
import java.util.Map;

/** A user's client as the user page lists it, its channel details as a map. */
public record ClientView(Client client, Map<String, Object> info) {

    static ClientView of(Client client) {
        return new ClientView(client, JsonViews.object(client.info()));
    }
}
