package dev.parley.attachments;

/**
 * A stored file of an app: its media URL's unguessable token, the sanitised file name and media type it is served
 * with, its size, and the conversation it was uploaded for (null for none).
 */
public record Attachment(String appId, String id, String token, String fileName, String mediaType, long size,
                         String conversationId) {
}
