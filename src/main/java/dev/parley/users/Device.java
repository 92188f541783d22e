package dev.parley.users;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * One SDK install of a user's sdk client, as the API shows it.
 *
 * @param info device details as JSON text, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Device(
        String id,
        String type,
        String guid,
        String clientId,
        String status,
        String integrationId,
        String lastSeen,
        String pushNotificationToken,
        @JsonRawValue String info,
        String appVersion) {
}
