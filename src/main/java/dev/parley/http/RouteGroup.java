package dev.parley.http;

import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

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

    /** The paths whose request bodies the route reads as they arrive, so nothing reads them first (see {@link JsonBody}). */
    default List<Pattern> pathsStreamingBodies() {
        return List.of();
    }
}
