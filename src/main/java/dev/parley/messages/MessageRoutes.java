package dev.parley.messages;

import static dev.parley.http.JsonBody.bodyOf;

import dev.parley.api.PageRequest;
import dev.parley.auth.ApiAuthentication;
import dev.parley.http.PageResponse;
import dev.parley.http.QueryParameters;
import dev.parley.http.RouteGroup;
import dev.parley.messages.content.ActivityPost;
import dev.parley.messages.content.MessagePost;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.List;
import java.util.Map;

/** A conversation's messages and activity, under /v2/apps/{appId}/conversations/{conversationId}. */
public final class MessageRoutes implements RouteGroup {
    private static final String CONVERSATION = "/v2/apps/{appId}/conversations/{conversationId}";
    private static final String MESSAGES = CONVERSATION + "/messages";

    private final MessageService messages;
    private final ApiAuthentication auth;

    public MessageRoutes(MessageService messages, ApiAuthentication auth) {
        this.messages = messages;
        this.auth = auth;
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi routes) {
        routes.post(MESSAGES, auth.require((ctx, caller) -> ctx.status(201).json(Map.of("messages", List.of(
                messages.post(caller, ctx.pathParam("appId"), ctx.pathParam("conversationId"),
                        bodyOf(ctx, MessagePost::of)))))));
        routes.get(MESSAGES, auth.require((ctx, caller) -> {
            PageRequest page = MessagePages.of(QueryParameters.single(ctx, "page[after]"),
                    QueryParameters.single(ctx, "page[before]"));
            ctx.json(PageResponse.of(ctx, "messages", messages.list(caller, ctx.pathParam("appId"),
                    ctx.pathParam("conversationId"), page), page, Message::id, Map.of()));
        }));
        routes.delete(MESSAGES, auth.require((ctx, caller) -> {
            messages.deleteAll(caller, ctx.pathParam("appId"), ctx.pathParam("conversationId"));
            ctx.json(Map.of());
        }));
        routes.delete(MESSAGES + "/{messageId}", auth.require((ctx, caller) -> {
            messages.delete(caller, ctx.pathParam("appId"), ctx.pathParam("conversationId"),
                    ctx.pathParam("messageId"));
            ctx.json(Map.of());
        }));
        routes.post(CONVERSATION + "/activity", auth.require((ctx, caller) -> {
            messages.postActivity(caller, ctx.pathParam("appId"), ctx.pathParam("conversationId"),
                    bodyOf(ctx, ActivityPost::of));
            ctx.json(Map.of());
        }));
    }
}
