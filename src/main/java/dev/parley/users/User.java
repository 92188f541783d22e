package dev.parley.users;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.http.Json;
import java.util.List;

/**
 * A user of an app, as stored and as the API shows it. Parley has no channels that identify users yet, so a user
 * has no identities and is never authenticated.
 *
 * @param signedUpAt the timestamp as answers carry it, or null
 * @param profile    the profile object as JSON text
 * @param metadata   the metadata object as JSON text, never null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record User(
        String id,
        String externalId,
        String signedUpAt,
        boolean toBeRetained,
        @JsonRawValue String profile,
        @JsonRawValue String metadata) {

    @JsonProperty
    public List<Object> identities() {
        return List.of();
    }

    @JsonProperty
    public boolean authenticated() {
        return false;
    }

    /** The user as webhook payloads carry it (upstream's userTruncated). */
    public ObjectNode truncated() {
        return truncated(id, externalId);
    }

    /** The user with that id and external id (or null) as webhook payloads carry it. */
    public static ObjectNode truncated(String id, String externalId) {
        ObjectNode node = Json.mapper().createObjectNode().put("id", id);
        if (externalId != null) {
            node.put("externalId", externalId);
        }
        return node.put("authenticated", false);
    }
}
