package dev.parley.apps;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * An app as stored and as the API shows it.
 *
 * @param metadata the metadata object as JSON text, or null
 */
public record App(
        String id,
        @JsonIgnore String accountId,
        String displayName,
        AppSettings settings,
        @JsonRawValue String metadata) {
}
