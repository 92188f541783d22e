package dev.parley.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.ApiException;
import dev.parley.api.Page;
import dev.parley.api.PageRequest;
import dev.parley.apps.App;
import dev.parley.apps.AppService;
import dev.parley.conversations.ActiveConversation;
import dev.parley.conversations.ActivityCursor;
import dev.parley.conversations.ActivityPage;
import dev.parley.conversations.Conversation;
import dev.parley.conversations.ConversationBodies.UserRef;
import dev.parley.conversations.ConversationService;
import dev.parley.conversations.Participant;
import dev.parley.crypto.IdGenerator;
import dev.parley.http.Json;
import dev.parley.messages.Message;
import dev.parley.messages.MessagePages;
import dev.parley.messages.MessageService;
import dev.parley.messages.content.MessagePost;
import dev.parley.users.User;
import dev.parley.users.UserService;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An app's conversations, most recently active first or those of one user, and a conversation's page: its
 * participants, its messages newest at the bottom with older pages on demand, and a reply from the business.
 */
final class ConversationPages {
    static final String MESSAGES_BEFORE = "page[before]";
    private static final int PARTICIPANTS_SHOWN = 25;
    private static final int MESSAGES_SHOWN = 25;

    private final AppService apps;
    private final ConversationService conversations;
    private final MessageService messages;
    private final UserService users;
    private final Pages pages;

    ConversationPages(AppService apps, ConversationService conversations, MessageService messages, UserService users,
                      Pages pages) {
        this.apps = apps;
        this.conversations = conversations;
        this.messages = messages;
        this.users = users;
        this.pages = pages;
    }

    void addTo(JavalinDefaultRoutingApi routes) {
        routes.get(AppPages.PATH + "/{appId}/conversations", pages.view(this::list));
        routes.get(AppPages.PATH + "/{appId}/conversations/{conversationId}",
                pages.view((ctx, visit) -> show(ctx, visit, 200, Map.of())));
        routes.post(AppPages.PATH + "/{appId}/conversations/{conversationId}/messages", pages.action(this::reply));
    }

    /** The newest first, or, with {@code ?user=}, the conversations of the user with that id or external id. */
    private void list(Context ctx, Visit visit) {
        App app = apps.get(visit.principal(), ctx.pathParam("appId"));
        String base = AppPages.PATH + "/" + app.id() + "/conversations";
        UserLookup lookUp = UserLookup.of(ctx);
        Map<String, Object> model = Pages.model("nav", "apps", "app", app, "base", base, "user", lookUp.wanted());
        if (!lookUp.asked()) {
            ActivityPage page = conversations.listByActivity(visit.principal(), app.id(), cursor(ctx, "older"),
                    cursor(ctx, "newer"), PageLinks.PAGE_SIZE);
            model.put("conversations", page.items().stream().map(ActiveConversation::conversation).toList());
            model.put("paging", new PageLinks(link(base, "newer", page.newer()), link(base, "older", page.older())));
            pages.render(ctx, visit, "conversations", model);
            return;
        }
        Optional<User> found = lookUp.find(users, visit.principal(), app.id());
        if (found.isEmpty()) {
            model.put("searchError", lookUp.notFound());
            pages.render(ctx, 404, visit, "conversations", model);
            return;
        }
        Page<Conversation> page = conversations.listOfUser(visit.principal(), app.id(),
                new UserRef(found.get().id(), null), PageLinks.requested(ctx));
        model.putAll(Map.of("conversations", page.items(), "foundUser", found.get(),
                "paging", PageLinks.of(base, "user=" + encode(lookUp.wanted()) + "&", page, Conversation::id)));
        pages.render(ctx, visit, "conversations", model);
    }

    private void reply(Context ctx, Visit visit) {
        String text = Forms.typed(ctx, "text");
        Pages.submit(() -> {
            if (text.isBlank()) {
                throw ApiException.badRequest("Write the message first");
            }
            ObjectNode body = Json.mapper().createObjectNode();
            body.putObject("author").put("type", "business");
            body.putObject("content").put("type", "text").put("text", text.strip());
            messages.post(visit.principal(), appId(ctx), conversationId(ctx), () -> MessagePost.of(body));
            Redirects.seeOther(ctx, detail(ctx) + "?notice=" + Notice.MESSAGE_SENT.code() + "#reply-title");
        }, Pages.RECORD_GONE, e -> show(ctx, visit, e.status(), Map.of("replyError", ErrorMessages.of(e),
                "replyText", text)));
    }

    private void show(Context ctx, Visit visit, int status, Map<String, Object> extra) {
        App app = apps.get(visit.principal(), appId(ctx));
        Conversation conversation = conversations.get(visit.principal(), app.id(), conversationId(ctx));
        Page<Participant> participants = conversations.listParticipants(visit.principal(), app.id(),
                conversation.id(), new PageRequest(null, null, PARTICIPANTS_SHOWN));
        Map<String, String> names = participants.items().stream().collect(Collectors.toMap(Participant::userId,
                participant -> Objects.requireNonNullElse(participant.userExternalId(), participant.userId())));
        String before = ctx.queryParam(MESSAGES_BEFORE);
        Page<Message> page = messages.list(visit.principal(), app.id(), conversation.id(),
                MessagePages.newestBefore(IdGenerator.isId(before) ? before : null, MESSAGES_SHOWN));
        String olderLink = page.hasOlder() && !page.items().isEmpty()
                ? detail(ctx) + "?" + MESSAGES_BEFORE + "=" + page.items().get(0).id() + "#messages-title" : null;
        Map<String, Object> model = Pages.model("nav", "apps", "app", app, "conversation", conversation,
                "metadata", JsonViews.object(conversation.metadata()), "participants", participants.items(),
                "moreParticipants", participants.hasNewer(),
                "messages", page.items().stream().map(message -> MessageView.of(message, names)).toList(),
                "olderMessages", olderLink, "newestMessages", before == null ? null : detail(ctx) + "#messages-title");
        model.putAll(extra);
        pages.render(ctx, status, visit, "conversation", model);
    }

    private static ActivityCursor cursor(Context ctx, String name) {
        String text = ctx.queryParam(name);
        return text == null ? null : ActivityCursor.parse(text);
    }

    private static String link(String base, String name, ActivityCursor cursor) {
        return cursor == null ? null : base + "?" + name + "=" + encode(cursor.toString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String appId(Context ctx) {
        return ctx.pathParam("appId");
    }

    private static String conversationId(Context ctx) {
        return ctx.pathParam("conversationId");
    }

    private static String detail(Context ctx) {
        return AppPages.PATH + "/" + appId(ctx) + "/conversations/" + conversationId(ctx);
    }
}
