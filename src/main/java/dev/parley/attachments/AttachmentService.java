package dev.parley.attachments;

import dev.parley.api.ApiException;
import dev.parley.apps.AppAccess;
import dev.parley.auth.Action;
import dev.parley.auth.Principal;
import dev.parley.conversations.ConversationStore;
import dev.parley.crypto.IdGenerator;
import dev.parley.crypto.SecretGenerator;
import dev.parley.http.JsonBody;
import dev.parley.messages.MessageMedia;
import dev.parley.store.Database;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * Uploads, removals and lookups of attachments. An upload streams its file to {@link AttachmentContents} before its
 * row is written: the row, and so the URL, exists only for a file stored whole; an upload that fails or stops
 * halfway deletes what it wrote.
 */
public final class AttachmentService implements MessageMedia {
    /** The largest file, as upstream: 50 MB. */
    public static final long MAX_FILE_BYTES = 50L * 1024 * 1024;

    private final Database database;
    private final AppAccess apps;
    private final ConversationStore conversations;
    private final AttachmentContents contents;
    private final AttachmentStore attachments = new AttachmentStore();
    private final IdGenerator ids;
    private final SecretGenerator secrets;
    private final Clock clock;

    public AttachmentService(Database database, AppAccess apps, ConversationStore conversations,
                             AttachmentContents contents, IdGenerator ids, SecretGenerator secrets, Clock clock) {
        this.database = database;
        this.apps = apps;
        this.conversations = conversations;
        this.contents = contents;
        this.ids = ids;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** The body of an upload as it arrives. */
    public record Upload(InputStream body, String contentType, long declaredLength) {
    }

    /** Checks the caller and the target, then streams the file in; answers the stored attachment. */
    public Attachment upload(Principal caller, String appId, Supplier<UploadTarget> query, Upload upload) {
        UploadTarget target = database.withoutTransaction(handle -> {
            apps.require(handle, caller, Action.MANAGE_ATTACHMENTS, appId);
            UploadTarget checked = query.get();
            if (checked.conversationId() != null
                    && conversations.find(handle, appId, checked.conversationId()).isEmpty()) {
                throw ApiException.notFound("Conversation not found");
            }
            return checked;
        });
        if (!JsonBody.isMultipartForm(upload.contentType())) {
            throw new ApiException(415, "unsupported_media_type",
                    "Attachments must be sent as multipart/form-data, with the file in the part named source");
        }
        MultipartUpload.checkDeclaredLength(upload.declaredLength(), MAX_FILE_BYTES);
        String id = ids.next();
        try {
            AttachmentContents.NewContent content = contents.create(appId, id);
            try {
                MultipartUpload.Received file = MultipartUpload.read(upload.body(), upload.contentType(),
                        MAX_FILE_BYTES, content);
                content.finish();
                Attachment attachment = new Attachment(appId, id, secrets.next(), file.fileName(), file.mediaType(),
                        file.size(), target.conversationId());
                database.withoutTransaction(handle -> {
                    attachments.insert(handle, attachment, clock.instant());
                    return null;
                });
                return attachment;
            } catch (IOException | RuntimeException | Error e) {
                content.abort();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes the app's attachment that the media URL names, with its bytes. */
    public void remove(Principal caller, String appId, Supplier<Optional<MediaUrls.MediaRef>> mediaUrl) {
        database.inTransaction(handle -> {
            apps.require(handle, caller, Action.MANAGE_ATTACHMENTS, appId);
            MediaUrls.MediaRef ref = mediaUrl.get().orElseThrow(() -> ApiException.badRequest(
                    "Unsupported media URL: mediaUrl must be the URL of an attachment of this server"));
            Attachment attachment = (ref.appId().equals(appId) ? attachments.find(handle, appId, ref.token())
                    : Optional.<Attachment>empty()).orElseThrow(() -> ApiException.notFound("Attachment not found"));
            attachments.delete(handle, appId, attachment.id());
            try {
                contents.delete(handle, appId, attachment.id());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        });
    }

    /** The attachment a media URL serves, while it exists. */
    public Optional<Attachment> find(String appId, String token) {
        return database.withoutTransaction(handle -> attachments.find(handle, appId, token));
    }

    /** The stored bytes of the attachment from {@code offset} on. */
    public InputStream open(Attachment attachment, long offset) throws IOException {
        return contents.open(attachment.appId(), attachment.id(), offset);
    }

    @Override
    public Optional<Facts> attach(Handle handle, String appId, String conversationId, String messageId,
                                  String mediaUrl) {
        return MediaUrls.parseAnyHost(mediaUrl).filter(ref -> ref.appId().equals(appId))
                .flatMap(ref -> attachments.attachToMessage(handle, appId, conversationId, ref.token(), messageId))
                .map(attachment -> new Facts(attachment.mediaType(), attachment.size()));
    }
}
