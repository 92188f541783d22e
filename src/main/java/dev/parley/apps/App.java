package dev.parley.apps;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * An app as stored and as the v2 API shows it.
 *
 * @param appToken the app's public token, shown by the v1.1 API only
 * @param metadata the metadata object as JSON text, or null
 */
public record App(
        String id,
        @JsonIgnore String accountId,
        String displayName,
        @JsonIgnore String appToken,
        AppSettings settings,
        @JsonRawValue String metadata) {

    public App withChanges(String newDisplayName, AppSettings newSettings, String newMetadata) {
        return new App(id, accountId, newDisplayName, appToken, newSettings, newMetadata);
    }
}
