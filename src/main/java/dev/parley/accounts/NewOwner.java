package dev.parley.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.ApiException;
import dev.parley.http.JsonFields;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** A validated owner body, {@code {"email","password"}}: the email lowercased, the password as given. */
public record NewOwner(String email, String password) {
    public static final int MIN_PASSWORD_LENGTH = 12;
    public static final int MAX_PASSWORD_LENGTH = 200;
    static final int MAX_EMAIL_LENGTH = 254;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");

    /** @param where how errors name the object, such as {@code owner} inside an account body */
    public static NewOwner parse(JsonNode body, String where) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest(where + " must be an object with email and password");
        }
        JsonFields.allowOnly((ObjectNode) body, "The " + where, Set.of("email", "password"));
        return new NewOwner(email(text(body, "email", where)), password(text(body, "password", where)));
    }

    public static String email(String given) {
        String email = given.strip().toLowerCase(Locale.ROOT);
        if (email.length() > MAX_EMAIL_LENGTH || !EMAIL.matcher(email).matches()
                || email.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest("email must be an email address such as name@example.com, at most "
                    + MAX_EMAIL_LENGTH + " characters");
        }
        return email;
    }

    public static String password(String given) {
        int length = given.codePointCount(0, given.length());
        if (length < MIN_PASSWORD_LENGTH || length > MAX_PASSWORD_LENGTH) {
            throw ApiException.badRequest("password must be " + MIN_PASSWORD_LENGTH + " to " + MAX_PASSWORD_LENGTH
                    + " characters long");
        }
        return given;
    }

    private static String text(JsonNode body, String field, String where) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw ApiException.badRequest(where + "." + field + " is required");
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest(where + "." + field + " must be a string");
        }
        return value.textValue();
    }

    @Override
    public String toString() {
        return "NewOwner[" + email + "]";
    }
}
