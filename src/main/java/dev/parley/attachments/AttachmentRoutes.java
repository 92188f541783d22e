package dev.parley.attachments;

import static dev.parley.http.JsonBody.bodyOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.ApiException;
import dev.parley.auth.ApiAuthentication;
import dev.parley.http.JsonFields;
import dev.parley.http.QueryParameters;
import dev.parley.http.RequestUrls;
import dev.parley.http.RouteGroup;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Uploading and removing an app's attachments, under /v2/apps/{appId}/attachments. */
public final class AttachmentRoutes implements RouteGroup {
    private static final String ATTACHMENTS = "/v2/apps/{appId}/attachments";

    private final AttachmentService attachments;
    private final ApiAuthentication auth;

    public AttachmentRoutes(AttachmentService attachments, ApiAuthentication auth) {
        this.attachments = attachments;
        this.auth = auth;
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi routes) {
        routes.post(ATTACHMENTS, auth.require((ctx, caller) -> {
            String appId = ctx.pathParam("appId");
            Attachment attachment = attachments.upload(caller, appId, () -> UploadTarget.of(
                    QueryParameters.single(ctx, "access"), QueryParameters.single(ctx, "for"),
                    QueryParameters.single(ctx, "conversationId")), upload(ctx));
            ctx.status(201).json(Map.of("attachment", Map.of(
                    "mediaUrl", MediaUrls.of(RequestUrls.base(ctx), appId, attachment.token(), attachment.fileName()),
                    "mediaType", attachment.mediaType())));
        }));
        routes.post(ATTACHMENTS + "/remove", auth.require((ctx, caller) -> {
            String base = RequestUrls.base(ctx);
            attachments.remove(caller, ctx.pathParam("appId"), bodyOf(ctx, body -> mediaUrl(body, base)));
            ctx.json(Map.of());
        }));
    }

    private static AttachmentService.Upload upload(Context ctx) {
        try {
            return new AttachmentService.Upload(ctx.req().getInputStream(), ctx.header("Content-Type"),
                    ctx.req().getContentLengthLong());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body of a removal: {@code {"mediaUrl": …}}, the URL of one of this server's attachments or not. */
    private static Optional<MediaUrls.MediaRef> mediaUrl(ObjectNode body, String base) {
        JsonFields.allowOnly(body, "The request body", Set.of("mediaUrl"));
        JsonNode url = body.get("mediaUrl");
        if (url == null || url.isNull()) {
            throw ApiException.badRequest("mediaUrl is required");
        }
        if (!url.isTextual()) {
            throw ApiException.badRequest("mediaUrl must be a string");
        }
        return MediaUrls.parse(url.textValue(), base);
    }
}
