package dev.parley.http;

import dev.parley.store.Database;
import io.javalin.http.Handler;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;

/** Public routes: liveness, health with a database check, and Parley's own OpenAPI document. */
public final class HealthRoutes implements RouteGroup {
    private static final String LIVENESS = "/health/live";
    private static final String HEALTH = "/health";
    /**
     * The routes load balancers probe, often with HEAD: they answer it exactly as they answer GET, without the body.
     * {@link MethodGuard} refuses HEAD everywhere else.
     */
    static final Set<String> PROBES = Set.of(LIVENESS, HEALTH);

    private final Database database;
    private final byte[] openApi;

    public HealthRoutes(Database database) {
        this.database = database;
        this.openApi = readOpenApi();
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi routes) {
        probe(routes, LIVENESS, ctx -> ctx.json(Map.of("status", "ok")));
        probe(routes, HEALTH, ctx -> {
            if (database.isReachable()) {
                ctx.json(Map.of("status", "ok"));
            } else {
                ErrorMapping.write(ctx, 503, ErrorCodes.codeFor(503), ErrorMapping.DATABASE_UNAVAILABLE);
            }
        });
        routes.get("/openapi.yaml", ctx -> ctx.contentType("application/yaml").result(openApi));
    }

    /** The same handler for GET and HEAD; Jetty sends the headers of a HEAD answer and drops its body. */
    private static void probe(JavalinDefaultRoutingApi routes, String path, Handler handler) {
        routes.get(path, handler);
        routes.head(path, handler);
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
