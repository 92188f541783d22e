package dev.parley.http;

import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Set;

/** A feature's HTTP routes: mapping only; rules live in the feature's service. */
public interface RouteGroup {
    void addTo(JavalinDefaultRoutingApi routes);

    /**
     * The paths whose GET routes also answer HEAD (health probes); everywhere else HEAD is refused (see
     * {@code MethodGuard}).
     */
    default Set<String> pathsAnsweringHead() {
        return Set.of();
    }

    /** Prefixes of paths whose GET routes also answer HEAD, for routes with parameters (served files). */
    default Set<String> pathPrefixesAnsweringHead() {
        return Set.of();
    }
}
