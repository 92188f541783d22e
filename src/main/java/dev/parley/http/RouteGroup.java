package dev.parley.http;

import io.javalin.router.JavalinDefaultRoutingApi;

/** A feature's HTTP routes: mapping only; rules live in the feature's service. */
public interface RouteGroup {
    void addTo(JavalinDefaultRoutingApi routes);
}
