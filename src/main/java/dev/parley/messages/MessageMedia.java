package dev.parley.messages;

import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The files an image or file message names by its {@code mediaUrl}: when the URL is one of the app's attachments,
 * the attachments feature ties it to the message (in the posting transaction) and tells its media type and size,
 * which the message then carries as upstream's read-only {@code mediaType} and {@code mediaSize}.
 */
@FunctionalInterface
public interface MessageMedia {
    Optional<Facts> attach(Handle handle, String appId, String conversationId, String messageId, String mediaUrl);

    /** What the message says of its file. */
    record Facts(String mediaType, long size) {
    }
}
