package dev.parley.conversations;

import static dev.parley.http.JsonBody.bodyOf;

import dev.parley.api.ApiException;
import dev.parley.api.PageRequest;
import dev.parley.auth.ApiAuthentication;
import dev.parley.conversations.ConversationBodies.UserRef;
import dev.parley.http.PageResponse;
import dev.parley.http.QueryParameters;
import dev.parley.http.RouteGroup;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Map;

/** /v2/apps/{appId}/conversations and their participants. */
public final class ConversationRoutes implements RouteGroup {
    private static final String CONVERSATIONS = "/v2/apps/{appId}/conversations";
    private static final String ONE = CONVERSATIONS + "/{conversationId}";
    private static final String BY_USER_ID = "filter[userId]";
    private static final String BY_EXTERNAL_ID = "filter[userExternalId]";

    private final ConversationService service;
    private final ApiAuthentication auth;

    public ConversationRoutes(ConversationService service, ApiAuthentication auth) {
        this.service = service;
        this.auth = auth;
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi routes) {
        routes.post(CONVERSATIONS, auth.require((ctx, caller) -> ctx.status(201).json(Map.of("conversation",
                service.create(caller, ctx.pathParam("appId"), bodyOf(ctx, ConversationBodies::forCreate))))));
        routes.get(CONVERSATIONS, auth.require((ctx, caller) -> {
            String userId = QueryParameters.single(ctx, BY_USER_ID);
            String externalId = QueryParameters.single(ctx, BY_EXTERNAL_ID);
            if ((userId == null) == (externalId == null)) {
                throw ApiException.badRequest("Give exactly one of " + BY_USER_ID + " and " + BY_EXTERNAL_ID);
            }
            PageRequest page = QueryParameters.page(ctx);
            ctx.json(PageResponse.of(ctx, "conversations", service.listOfUser(caller, ctx.pathParam("appId"),
                            new UserRef(userId, externalId), page), page, Conversation::id,
                    userId != null ? Map.of(BY_USER_ID, userId) : Map.of(BY_EXTERNAL_ID, externalId)));
        }));
        routes.get(ONE, auth.require((ctx, caller) -> ctx.json(Map.of("conversation",
                service.get(caller, ctx.pathParam("appId"), ctx.pathParam("conversationId"))))));
        routes.patch(ONE, auth.require((ctx, caller) -> ctx.json(Map.of("conversation", service.update(caller,
                ctx.pathParam("appId"), ctx.pathParam("conversationId"),
                bodyOf(ctx, ConversationBodies::forUpdate))))));
        routes.delete(ONE, auth.require((ctx, caller) -> {
            service.delete(caller, ctx.pathParam("appId"), ctx.pathParam("conversationId"));
            ctx.json(Map.of());
        }));

        routes.post(ONE + "/join", auth.require((ctx, caller) -> ctx.status(201).json(Map.of("participant",
                service.join(caller, ctx.pathParam("appId"), ctx.pathParam("conversationId"),
                        bodyOf(ctx, ConversationBodies::forJoin))))));
        routes.post(ONE + "/leave", auth.require((ctx, caller) -> {
            service.leave(caller, ctx.pathParam("appId"), ctx.pathParam("conversationId"),
                    bodyOf(ctx, ConversationBodies::forLeave));
            ctx.json(Map.of());
        }));
        routes.get(ONE + "/participants", auth.require((ctx, caller) -> {
            PageRequest page = QueryParameters.page(ctx);
            ctx.json(PageResponse.of(ctx, "participants", service.listParticipants(caller, ctx.pathParam("appId"),
                    ctx.pathParam("conversationId"), page), page, Participant::id, Map.of()));
        }));
    }
}
