package dev.parley.health;

import dev.parley.api.ApiException;
import dev.parley.http.RouteGroup;
import dev.parley.store.Database;
import io.javalin.http.Handler;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Public routes: liveness, health with a database check, and Parley's own OpenAPI document. {@code /health} also
 * reports its other checks by name; they never make it 503: a load balancer that took every server out of rotation
 * because webhooks lag, or a revocation listener reconnects, would stop the API without making either better.
 */
public final class HealthRoutes implements RouteGroup {
    private static final String LIVENESS = "/health/live";
    private static final String HEALTH = "/health";
    /** The routes load balancers probe, often with HEAD: they answer it exactly as GET, without the body. */
    private static final Set<String> PROBES = Set.of(LIVENESS, HEALTH);

    /** The document's own servers entry: relative, so clients resolve it against where they fetched the document. */
    private static final String RELATIVE_SERVER = "servers:\n  - url: /\n";

    private final Database database;
    private final Map<String, HealthCheck> checks;
    private final byte[] openApi;

    /**
     * @param publicUrl PARLEY_PUBLIC_URL, which the served OpenAPI document names as its server when set
     * @param checks    the checks reported beside {@code database}, by name, in this order
     */
    public HealthRoutes(Database database, Optional<String> publicUrl, Map<String, HealthCheck> checks) {
        this.database = database;
        this.checks = new LinkedHashMap<>(checks);
        this.openApi = openApi(publicUrl).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Set<String> pathsAnsweringHead() {
        return PROBES;
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi routes) {
        probe(routes, LIVENESS, ctx -> ctx.json(Map.of("status", "ok")));
        probe(routes, HEALTH, ctx -> {
            if (database.isReachable()) {
                ctx.json(Map.of("status", "ok", "checks", checks()));
            } else {
                throw ApiException.databaseUnavailable();
            }
        });
        routes.get("/openapi.yaml", ctx -> ctx.contentType("application/yaml").result(openApi));
    }

    private Map<String, String> checks() {
        Map<String, String> report = new LinkedHashMap<>();
        report.put("database", "ok");
        checks.forEach((name, check) -> report.put(name, check.status()));
        return report;
    }

    /** The same handler for GET and HEAD; Jetty sends the headers of a HEAD answer and drops its body. */
    private static void probe(JavalinDefaultRoutingApi routes, String path, Handler handler) {
        routes.get(path, handler);
        routes.head(path, handler);
    }

    private static String openApi(Optional<String> publicUrl) {
        String document;
        try (InputStream in = HealthRoutes.class.getResourceAsStream("/openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi.yaml is missing from the build");
            }
            document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!document.contains(RELATIVE_SERVER)) {
            throw new IllegalStateException("openapi.yaml lacks the servers entry " + RELATIVE_SERVER.strip());
        }
        return publicUrl.map(url -> document.replace(RELATIVE_SERVER, "servers:\n  - url: " + url + "\n"))
                .orElse(document);
    }
}
