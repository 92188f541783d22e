package dev.parley.messages;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * A message as stored and as the API shows it.
 *
 * @param received when the server received it, as answers carry timestamps
 * @param author   the author object as JSON text
 * @param content  the content object as JSON text
 * @param source   the source object as JSON text ({@code {"type":"api:conversations"}} for posted messages, with
 *                 {@code integrationId} when an integration's key posted it)
 * @param metadata the metadata object as JSON text, or null when the message has none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Message(
        String id,
        String received,
        @JsonRawValue String author,
        @JsonRawValue String content,
        @JsonRawValue String source,
        @JsonRawValue String metadata) {
}
