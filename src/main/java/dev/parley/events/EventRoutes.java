package dev.parley.events;

import dev.parley.api.ApiException;
import dev.parley.api.PageRequest;
import dev.parley.apps.AppAccess;
import dev.parley.auth.Action;
import dev.parley.auth.ApiAuthentication;
import dev.parley.http.PageResponse;
import dev.parley.http.QueryParameters;
import dev.parley.http.RouteGroup;
import dev.parley.store.Database;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Map;

/** GET /v2/apps/{appId}/events: the app's event log, oldest first, in cursor pages, optionally of one type. */
public final class EventRoutes implements RouteGroup {
    private static final String FILTER = "filter[type]";

    private final Database database;
    private final EventLog events;
    private final AppAccess apps;
    private final ApiAuthentication auth;

    public EventRoutes(Database database, EventLog events, AppAccess apps, ApiAuthentication auth) {
        this.database = database;
        this.events = events;
        this.apps = apps;
        this.auth = auth;
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi routes) {
        routes.get("/v2/apps/{appId}/events", auth.require((ctx, caller) -> {
            PageRequest page = QueryParameters.page(ctx);
            String type = QueryParameters.single(ctx, FILTER);
            if (type != null && !type.matches("[a-z]+(:[a-zA-Z]+)*")) {
                throw ApiException.badRequest(FILTER + " must be an event type, such as conversation:message");
            }
            String appId = ctx.pathParam("appId");
            ctx.json(PageResponse.of(ctx, "events", database.withoutTransaction(handle -> {
                apps.require(handle, caller, Action.READ_EVENTS, appId);
                return events.list(handle, appId, type, page);
            }), page, Event::id, type == null ? Map.of() : Map.of(FILTER, type)));
        }));
    }
}
