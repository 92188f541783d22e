package dev.parley.attachments;

import dev.parley.api.ApiException;

/**
 * The query of an upload: {@code access} (only {@code public}: the URL is served to anyone who has it), and
 * {@code for=message} with the {@code conversationId} whose deletion, or whose message's, deletes the attachment.
 *
 * @param conversationId the conversation the file is for, or null for none
 */
record UploadTarget(String conversationId) {
    static UploadTarget of(String access, String purpose, String conversationId) {
        if (access == null) {
            throw ApiException.badRequest("access is required: access=public");
        }
        if (!access.equals("public")) {
            throw ApiException.badRequest("access must be public: this server serves attachments to anyone who has "
                    + "their URL, and has no private attachments");
        }
        if (purpose == null) {
            if (conversationId != null) {
                throw ApiException.badRequest("conversationId is given with for=message");
            }
            return new UploadTarget(null);
        }
        if (!purpose.equals("message")) {
            throw ApiException.badRequest("for must be message");
        }
        if (conversationId == null || conversationId.isEmpty()) {
            throw ApiException.badRequest("conversationId is required with for=message");
        }
        return new UploadTarget(conversationId);
    }
}
