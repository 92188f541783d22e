package dev.parley.accounts;

import dev.parley.api.ApiException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.ApiException;
import dev.parley.http.JsonFields;
import java.util.Set;

/** A new password for an owner, held to the password rules (12 to 200 characters) as it is made. */
public record NewPassword(String value) {

    public NewPassword {
        NewOwner.password(value);
    }

    /** The operator's body, {@code {"password"}}. */
    public static NewPassword parse(ObjectNode body) {
        JsonFields.allowOnly(body, "The body", Set.of("password"));
        JsonNode value = body.get("password");
        if (value == null || value.isNull()) {
            throw ApiException.badRequest("password is required");
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest("password must be a string");
        }
        return new NewPassword(value.textValue());
    }

    @Override
    public String toString() {
        return "NewPassword[…]";
    }
}
