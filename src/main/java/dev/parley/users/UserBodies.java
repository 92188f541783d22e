package dev.parley.users;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.ApiException;
import dev.parley.api.Timestamps;
import dev.parley.http.BoundedText;
import dev.parley.http.Json;
import dev.parley.http.JsonFields;
import dev.parley.http.Metadata;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;

/** User request bodies, checked field by field as upstream limits them. */
public final class UserBodies {
    private static final Set<String> UPDATABLE = Set.of("signedUpAt", "toBeRetained", "profile", "metadata");
    private static final Set<String> CREATABLE = Set.of("externalId", "signedUpAt", "toBeRetained", "profile",
            "metadata");
    private static final Set<String> PROFILE = Set.of("givenName", "surname", "email", "avatarUrl", "locale");

    private UserBodies() {
    }

    /** A new user's fields. */
    public record NewUser(String externalId, UserChange fields) {
    }

    /**
     * Fields to set; each null when left as it is.
     *
     * @param signedUpAt an empty Optional to unset it
     */
    public record UserChange(Optional<String> signedUpAt, Boolean toBeRetained, String profile, String metadata) {
        User applyTo(User user) {
            return new User(user.id(), user.externalId(),
                    signedUpAt == null ? user.signedUpAt() : signedUpAt.orElse(null),
                    toBeRetained == null ? user.toBeRetained() : toBeRetained,
                    profile == null ? user.profile() : profile, metadata == null ? user.metadata() : metadata);
        }
    }

    public static NewUser forCreate(ObjectNode body) {
        JsonFields.allowOnly(body, "The user", CREATABLE);
        return new NewUser(BoundedText.optional(body.get("externalId"), "externalId", 1, 1024).orElse(null),
                fields(body));
    }

    public static UserChange forUpdate(ObjectNode body) {
        if (body.has("externalId")) {
            throw ApiException.badRequest("externalId cannot be changed");
        }
        JsonFields.allowOnly(body, "The user", UPDATABLE);
        return fields(body);
    }

    private static UserChange fields(ObjectNode body) {
        Optional<String> signedUpAt = body.has("signedUpAt")
                ? Optional.ofNullable(timestamp(body.get("signedUpAt"))) : null;
        Boolean toBeRetained = body.hasNonNull("toBeRetained")
                ? JsonFields.bool(body.get("toBeRetained"), "toBeRetained") : null;
        String profile = body.has("profile") ? profile(body.get("profile")) : null;
        String metadata = body.has("metadata") ? metadata(body.get("metadata")) : null;
        return new UserChange(signedUpAt, toBeRetained, profile, metadata);
    }

    /** Metadata as stored: never null, an empty object for none. */
    public static String metadata(JsonNode node) {
        String json = Metadata.flat(node, "metadata", "User");
        return json.isEmpty() ? "{}" : json;
    }

    private static String timestamp(JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw badTimestamp();
        }
        try {
            return Timestamps.format(OffsetDateTime.parse(value.textValue()).toInstant()
                    .truncatedTo(ChronoUnit.MILLIS));
        } catch (DateTimeParseException e) {
            throw badTimestamp();
        }
    }

    private static ApiException badTimestamp() {
        return ApiException.badRequest("signedUpAt must be an ISO-8601 date and time, such as "
                + "2026-12-06T13:24:14.123Z");
    }

    private static String profile(JsonNode node) {
        ObjectNode stored = Json.mapper().createObjectNode();
        if (node.isNull()) {
            return stored.toString();
        }
        if (!(node instanceof ObjectNode profile)) {
            throw ApiException.badRequest("profile must be an object");
        }
        JsonFields.allowOnly(profile, "profile", PROFILE);
        BoundedText.optional(profile.get("givenName"), "profile.givenName", 1, 128)
                .ifPresent(text -> stored.put("givenName", text));
        BoundedText.optional(profile.get("surname"), "profile.surname", 1, 128)
                .ifPresent(text -> stored.put("surname", text));
        BoundedText.optional(profile.get("email"), "profile.email", 0, 128)
                .ifPresent(text -> stored.put("email", text));
        BoundedText.optional(profile.get("avatarUrl"), "profile.avatarUrl", 0, 2048)
                .ifPresent(text -> stored.put("avatarUrl", text));
        BoundedText.optional(profile.get("locale"), "profile.locale", 0, 64)
                .ifPresent(text -> stored.put("locale", text));
        return stored.toString();
    }
}
