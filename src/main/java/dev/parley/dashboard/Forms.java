package dev.parley.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.http.Json;
import io.javalin.http.Context;

/** Reads the dashboard's forms into the bodies the services validate, so that both sides apply the same rules. */
final class Forms {
    static final String CSRF_FIELD = "csrf";

    private Forms() {
    }

    /** A body {@code {"displayName": <the form's name field>}}, the field left out when the form did not send it. */
    static ObjectNode named(Context ctx) {
        ObjectNode body = Json.mapper().createObjectNode();
        String name = ctx.formParam("name");
        if (name != null) {
            body.put("displayName", name.strip());
        }
        return body;
    }

    static String field(Context ctx, String name) {
        return typed(ctx, name).strip();
    }

    /** A field exactly as typed, spaces and all: for passwords, where every character counts. */
    static String typed(Context ctx, String name) {
        String value = ctx.formParam(name);
        return value == null ? "" : value;
    }
}
