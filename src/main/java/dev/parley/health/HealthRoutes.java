package dev.parley.health;

import dev.parley.api.ApiException;
import dev.parley.http.RouteGroup;
import dev.parley.store.Database;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** Public routes: liveness, health with a database check, and Parley's own OpenAPI document. */
public final class HealthRoutes implements RouteGroup {
    private final Database database;
    private final byte[] openApi;

    public HealthRoutes(Database database) {
        this.database = database;
        this.openApi = readOpenApi();
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi routes) {
        routes.get("/health/live", ctx -> ctx.json(Map.of("status", "ok")));
        routes.get("/health", ctx -> {
            if (database.isReachable()) {
                ctx.json(Map.of("status", "ok"));
            } else {
                throw ApiException.databaseUnavailable();
            }
        });
        routes.get("/openapi.yaml", ctx -> ctx.contentType("application/yaml").result(openApi));
    }

    private static byte[] readOpenApi() {
        try (InputStream in = HealthRoutes.class.getResourceAsStream("/openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi.yaml is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
