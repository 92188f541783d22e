package dev.parley.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.ApiException;
import dev.parley.apps.App;
import dev.parley.apps.AppService;
import dev.parley.conversations.ConversationService;
import dev.parley.switchboards.Switchboard;
import dev.parley.http.Json;
import dev.parley.switchboards.SwitchboardBodies;
import dev.parley.switchboards.SwitchboardIntegration;
import dev.parley.switchboards.SwitchboardService;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An app's switchboard: whether it is enabled and its default (both can be changed here), its switchboard
 * integrations, and for a conversation looked up by id, which switchboard integration has control and which is
 * offered it.
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
        routes.get(PATH, pages.view((ctx, visit) -> show(ctx, visit, 200, Map.of())));
        routes.post(PATH, pages.action(this::update));
    }

    /** Enables or disables the switchboard and sets its default, by the API's rules. */
    private void update(Context ctx, Visit visit) {
        String appId = ctx.pathParam("appId");
        Pages.submit(() -> {
            Switchboard switchboard = switchboards.list(visit.principal(), appId).stream().findFirst()
                    .orElseThrow(() -> ApiException.notFound("This app has no switchboard"));
            ObjectNode body = Json.mapper().createObjectNode().put("enabled", ctx.formParam("enabled") != null);
            String defaultId = Forms.field(ctx, "defaultSwitchboardIntegrationId");
            if (defaultId.isEmpty()) {
                body.putNull("defaultSwitchboardIntegrationId");
            } else {
                body.put("defaultSwitchboardIntegrationId", defaultId);
            }
            switchboards.update(visit.principal(), appId, switchboard.id(),
                    () -> SwitchboardBodies.forSwitchboardUpdate(body));
            Redirects.seeOther(ctx, AppPages.PATH + "/" + appId + "/switchboard", Notice.SWITCHBOARD_SAVED);
        }, Pages.RECORD_GONE, e -> show(ctx, visit, e.status(), Map.of("switchboardError",
                ErrorMessages.of(e))));
    }

    private void show(Context ctx, Visit visit, int status, Map<String, Object> extra) {
        App app = apps.get(visit.principal(), ctx.pathParam("appId"));
        Optional<Switchboard> switchboard = switchboards.list(visit.principal(), app.id()).stream().findFirst();
        List<SwitchboardIntegration> linked = switchboard.map(found ->
                switchboards.listIntegrations(visit.principal(), app.id(), found.id())).orElse(List.of());
        Map<String, Object> model = Pages.model("nav", "apps", "app", app, "switchboard", switchboard.orElse(null),
                "switchboardIntegrations", linked, "defaultName", switchboard.flatMap(found -> linked.stream()
                        .filter(one -> one.id().equals(found.defaultSwitchboardIntegrationId()))
                        .map(SwitchboardIntegration::name).findFirst()).orElse(null));
        model.putAll(extra);
        String conversationId = Optional.ofNullable(ctx.queryParam(CONVERSATION)).map(String::strip).orElse("");
        model.put("conversationId", conversationId);
        Pages.submit(() -> {
            if (!conversationId.isEmpty()) {
                model.put("conversation", conversations.get(visit.principal(), app.id(), conversationId));
            }
            pages.render(ctx, status, visit, "switchboard", model);
        }, e -> "app_not_found".equals(e.code()), e -> {
            model.put("conversationError", ErrorMessages.of(e));
            pages.render(ctx, e.status(), visit, "switchboard", model);
        });
    }
}
