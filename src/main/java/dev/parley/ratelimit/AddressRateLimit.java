package dev.parley.ratelimit;

import dev.parley.http.RequestContext;
import dev.parley.http.RouteGroup;
import io.javalin.router.JavalinDefaultRoutingApi;

/** Holds every client address to its rate limit on the API and the operator API, before anything else runs. */
public final class AddressRateLimit implements RouteGroup {
    private final RateLimits rateLimits;

    public AddressRateLimit(RateLimits rateLimits) {
        this.rateLimits = rateLimits;
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi routes) {
        for (String prefix : new String[] {"/v2/*", "/v1.1/*", "/admin/*"}) {
            routes.before(prefix, ctx -> rateLimits.checkAddress(RequestContext.clientAddress(ctx)));
        }
    }
}
