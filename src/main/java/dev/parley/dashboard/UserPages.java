package dev.parley.dashboard;

import dev.parley.api.Page;
import dev.parley.api.PageRequest;
import dev.parley.apps.App;
import dev.parley.apps.AppService;
import dev.parley.conversations.Conversation;
import dev.parley.conversations.ConversationBodies.UserRef;
import dev.parley.conversations.ConversationService;
import dev.parley.users.Client;
import dev.parley.users.User;
import dev.parley.users.UserService;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Map;
import java.util.Optional;

/** An app's users: looking one up by id or external id, their profile, clients and conversations, and deleting them. */
final class UserPages {
    private static final int CLIENTS_SHOWN = 25;

    private final AppService apps;
    private final UserService users;
    private final ConversationService conversations;
    private final Pages pages;

    UserPages(AppService apps, UserService users, ConversationService conversations, Pages pages) {
        this.apps = apps;
        this.users = users;
        this.conversations = conversations;
        this.pages = pages;
    }

    void addTo(JavalinDefaultRoutingApi routes) {
        routes.get(AppPages.PATH + "/{appId}/users", pages.view(this::lookUp));
        routes.get(AppPages.PATH + "/{appId}/users/{userId}", pages.view(this::show));
        routes.get(AppPages.PATH + "/{appId}/users/{userId}/delete", pages.view((ctx, visit) -> {
            App app = app(ctx, visit);
            pages.render(ctx, visit, "user-delete", Pages.model("nav", "apps", "app", app,
                    "user", users.get(visit.principal(), app.id(), ctx.pathParam("userId"))));
        }));
        routes.post(AppPages.PATH + "/{appId}/users/{userId}/delete", pages.action((ctx, visit) -> {
            users.delete(visit.principal(), appId(ctx), ctx.pathParam("userId"));
            Redirects.seeOther(ctx, lookUpPath(ctx), Notice.USER_DELETED);
        }));
    }

    /** The look-up form; with {@code ?user=} it goes to that user's page, or says no user has that id. */
    private void lookUp(Context ctx, Visit visit) {
        App app = app(ctx, visit);
        UserLookup lookUp = UserLookup.of(ctx);
        Optional<User> found = lookUp.asked() ? lookUp.find(users, visit.principal(), app.id()) : Optional.empty();
        if (found.isPresent()) {
            Redirects.seeOther(ctx, lookUpPath(ctx) + "/" + found.get().id());
            return;
        }
        pages.render(ctx, lookUp.asked() ? 404 : 200, visit, "users", Pages.model("nav", "apps", "app", app,
                "wanted", lookUp.wanted(), "lookUpError", lookUp.asked() ? lookUp.notFound() : null));
    }

    private void show(Context ctx, Visit visit) {
        App app = app(ctx, visit);
        User user = users.get(visit.principal(), app.id(), ctx.pathParam("userId"));
        Page<Client> clients = users.listClients(visit.principal(), app.id(), user.id(),
                new PageRequest(null, null, CLIENTS_SHOWN));
        String path = lookUpPath(ctx) + "/" + user.id();
        Page<Conversation> theirs = conversations.listOfUser(visit.principal(), app.id(), new UserRef(user.id(), null),
                PageLinks.requested(ctx));
        pages.render(ctx, visit, "user", Pages.model("nav", "apps", "app", app, "user", user,
                "profile", JsonViews.object(user.profile()), "metadata", JsonViews.object(user.metadata()),
                "clients", clients.items().stream().map(ClientView::of).toList(), "moreClients", clients.hasNewer(),
                "conversations", theirs.items(), "paging", PageLinks.of(path, theirs, Conversation::id)));
    }

    private App app(Context ctx, Visit visit) {
        return apps.get(visit.principal(), appId(ctx));
    }

    private static String appId(Context ctx) {
        return ctx.pathParam("appId");
    }

    private static String lookUpPath(Context ctx) {
        return AppPages.PATH + "/" + appId(ctx) + "/users";
    }
}
