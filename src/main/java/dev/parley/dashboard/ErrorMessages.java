package dev.parley.dashboard;

import dev.parley.api.ApiException;

/** Turns the services' errors into sentences for a person: API field names become the labels they see. */
final class ErrorMessages {
    private ErrorMessages() {
    }

    static String of(ApiException error) {
        String title = error.title();
        if (title.startsWith("displayName ")) {
            return "The name " + title.substring("displayName ".length()) + ".";
        }
        if (title.startsWith("password ")) {
            return "The new password " + title.substring("password ".length()) + ".";
        }
        return title.endsWith(".") ? title : title + ".";
    }
}
