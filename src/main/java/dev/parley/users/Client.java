package dev.parley.users;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * A user on one channel, as the API shows it.
 *
 * @param info channel details as JSON text, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Client(
        String id,
        @JsonIgnore String userId,
        String type,
        String status,
        String integrationId,
        String externalId,
        String lastSeen,
        String linkedAt,
        String displayName,
        String avatarUrl,
        @JsonRawValue String info) {

    public static final String SDK = "sdk";
}
