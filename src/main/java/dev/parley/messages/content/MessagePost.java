package dev.parley.messages.content;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.http.JsonFields;
import dev.parley.http.Metadata;
import java.util.List;
import java.util.Set;

/**
 * The body of POST …/messages. {@code destination} and {@code override} steer delivery to channels; with no
 * channels linked, only a silent message ({@code {"integrationType":"none"}}) has a destination to reach, and
 * overrides are checked but have nothing to override.
 *
 * @param metadata the flat metadata as stored, or null
 * @param silent   whether a destination was given (which only a business message in a personal conversation may)
 */
public record MessagePost(Author author, ObjectNode content, String metadata, boolean silent) {
    private static final List<String> OVERRIDE_CHANNELS = List.of("apple", "line", "messenger", "whatsapp");

    public static MessagePost of(ObjectNode body) {
        JsonFields.allowOnly(body, "The message", Set.of("author", "content", "destination", "metadata", "override",
                "schema"));
        if (body.has("schema")) {
            throw Fields.bad("schema whatsapp posts native WhatsApp template content, which needs a WhatsApp "
                    + "channel: this server has none, so schema cannot be given");
        }
        Author author = Author.of(body.get("author"));
        ObjectNode content = MessageContent.check(body.get("content"));
        JsonNode metadata = body.get("metadata");
        String stored = metadata == null || metadata.isNull() ? null : Metadata.flat(metadata, "metadata", "Message");
        JsonNode destination = body.get("destination");
        if (destination != null) {
            destination(destination);
            if (author.isUser()) {
                throw Fields.bad("destination is only for messages of a business author");
            }
        }
        JsonNode override = body.get("override");
        if (override != null) {
            override(override);
        }
        return new MessagePost(author, content, stored, destination != null);
    }

    private static void destination(JsonNode node) {
        Fields destination = Fields.object(node, "destination", Set.of("integrationId", "integrationType"));
        if (destination.has("integrationId") || !"none".equals(destination.text("integrationType", 1, 64, true))) {
            throw Fields.bad("destination: the conversation's users have no client on any integration (this "
                    + "server links no channels), so only {\"integrationType\":\"none\"}, a silent message, applies");
        }
    }

    private static void override(JsonNode node) {
        Fields override = Fields.object(node, "override", Set.copyOf(OVERRIDE_CHANNELS));
        for (String channel : OVERRIDE_CHANNELS) {
            JsonNode payload = override.value(channel, false);
            if (payload != null) {
                Fields channelPayload = Fields.object(payload, override.name(channel), channel.equals("apple")
                        ? Set.of("payload", "withCapabilities") : Set.of("payload"));
                if (!channelPayload.value("payload", true).isObject()) {
                    throw Fields.bad(channelPayload.name("payload") + " must be an object");
                }
                for (JsonNode capability : channelPayload.array("withCapabilities", 0, 5, false)) {
                    if (!capability.isTextual()
                            || !List.of("LIST", "TIME", "FORM", "QUICK", "AUTH2").contains(capability.textValue())) {
                        throw Fields.bad(channelPayload.name("withCapabilities")
                                + " items must be LIST, TIME, FORM, QUICK or AUTH2");
                    }
                }
            }
        }
    }
}
