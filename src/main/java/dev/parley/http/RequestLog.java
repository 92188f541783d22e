package dev.parley.http;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.javalin.router.InternalRouter;
import io.javalin.router.ParsedEndpoint;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * What every answered request leaves behind: its line in the log (its request id in the log's context, and its method,
 * route template, status and duration as key-value pairs, which the JSON log format writes as fields), and its time in
 * {@code parley_http_server_requests_seconds} by method, route template and status. The route template, never the
 * path: ids in paths would make a series per resource.
 */
final class RequestLog {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    /** The route label of a request no route matched (404, 405). */
    static final String UNMATCHED = "unmatched";
    /** A few fixed buckets: enough for latency alerts and heat maps, without a series per percentile bucket. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    /** The timer, built once: each request only looks up its series by its tags. */
    private final Meter.MeterProvider<Timer> requests;
    private final Supplier<InternalRouter> router;

    /** @param router the server's router, to find the route of a request refused before its route ran */
    RequestLog(MeterRegistry registry, Supplier<InternalRouter> router) {
        this.requests = Timer.builder("parley.http.server.requests")
                .description("HTTP requests answered, by method, route template and status")
                .serviceLevelObjectives(BUCKETS)
                .withRegistry(registry);
        this.router = router;
    }

    void finished(Context ctx, float millis) {
        String route = routeTemplate(ctx);
        String method = ctx.method().name();
        int status = ctx.statusCode();
        requests.withTags("method", method, "route", route, "status", Integer.toString(status))
                .record((long) (millis * 1_000_000), TimeUnit.NANOSECONDS);
        long duration = Math.round(millis);
        MDC.put("requestId", RequestContext.requestId(ctx));
        try {
            // The fields as key-value pairs too: the text format's line stays as it was, the JSON format writes them
            // as fields of their own, numbers as numbers.
            LOG.atInfo()
                    .addKeyValue("method", method)
                    .addKeyValue("route", route)
                    .addKeyValue("status", status)
                    .addKeyValue("durationMs", duration)
                    .log("{} {} {} {}ms", method, ctx.path(), status, duration);
        } finally {
            MDC.remove("requestId");
        }
    }

    /** The template of the route that answered, or would have had a before-handler not refused the request. */
    private String routeTemplate(Context ctx) {
        Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
        if (matched != null) {
            return matched.path;
        }
        ParsedEndpoint found = router.get().findFirstHttpHandlerEntry(ctx.method(), ctx.path());
        return found == null ? UNMATCHED : found.endpoint.path;
    }
}
