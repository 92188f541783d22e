package dev.parley.dashboard;

import dev.parley.apps.App;
import dev.parley.apps.AppService;
import dev.parley.conversations.ConversationService;
import dev.parley.switchboards.Switchboard;
import dev.parley.switchboards.SwitchboardIntegration;
import dev.parley.switchboards.SwitchboardService;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An app's switchboard, to read: whether it is enabled, its switchboard integrations and the default, and for a
 * conversation looked up by id, which switchboard integration has control and which is offered it.
 */
final class SwitchboardPages {
    static final String PATH = AppPages.PATH + "/{appId}/switchboard";
    private static final String CONVERSATION = "conversationId";

    private final SwitchboardService switchboards;
    private final ConversationService conversations;
    private final AppService apps;
    private final Pages pages;

    SwitchboardPages(SwitchboardService switchboards, ConversationService conversations, AppService apps,
                     Pages pages) {
        this.switchboards = switchboards;
        this.conversations = conversations;
        this.apps = apps;
        this.pages = pages;
    }

    void addTo(JavalinDefaultRoutingApi routes) {
        routes.get(PATH, pages.view(this::show));
    }

    private void show(Context ctx, Visit visit) {
        App app = apps.get(visit.principal(), ctx.pathParam("appId"));
        Optional<Switchboard> switchboard = switchboards.list(visit.principal(), app.id()).stream().findFirst();
        List<SwitchboardIntegration> linked = switchboard.map(found ->
                switchboards.listIntegrations(visit.principal(), app.id(), found.id())).orElse(List.of());
        Map<String, Object> model = Pages.model("nav", "apps", "app", app, "switchboard", switchboard.orElse(null),
                "switchboardIntegrations", linked, "defaultName", switchboard.flatMap(found -> linked.stream()
                        .filter(one -> one.id().equals(found.defaultSwitchboardIntegrationId()))
                        .map(SwitchboardIntegration::name).findFirst()).orElse(null));
        String conversationId = Optional.ofNullable(ctx.queryParam(CONVERSATION)).map(String::strip).orElse("");
        model.put("conversationId", conversationId);
        Pages.submit(() -> {
            if (!conversationId.isEmpty()) {
                model.put("conversation", conversations.get(visit.principal(), app.id(), conversationId));
            }
            pages.render(ctx, visit, "switchboard", model);
        }, e -> "app_not_found".equals(e.code()), e -> {
            model.put("conversationError", ErrorMessages.of(e));
            pages.render(ctx, e.status(), visit, "switchboard", model);
        });
    }
}
