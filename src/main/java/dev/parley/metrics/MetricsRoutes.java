package dev.parley.metrics;

import dev.parley.auth.BearerToken;
import dev.parley.http.RequestContext;
import dev.parley.http.RouteGroup;
import dev.parley.ratelimit.RateLimits;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;

/**
 * {@code GET /metrics}: the meters in the format the scraper's Accept header asks for (the Prometheus text format
 * 0.0.4 by default, OpenMetrics, or Prometheus' protobuf), written by the Prometheus client's own writers. With
 * PARLEY_METRICS_TOKEN set it needs {@code Authorization: Bearer <token>}, compared in constant time; failed attempts
 * count towards the address's limit of failed authentications, like the operator API's.
 */
public final class MetricsRoutes implements RouteGroup {
    private final Metrics metrics;
    private final Optional<String> token;
    private final RateLimits rateLimits;
    private final ExpositionFormats formats = ExpositionFormats.init();

    public MetricsRoutes(Metrics metrics, Optional<String> token, RateLimits rateLimits) {
        this.metrics = metrics;
        this.token = token;
        this.rateLimits = rateLimits;
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi routes) {
        routes.get("/metrics", this::scrape);
    }

    private void scrape(Context ctx) throws IOException {
        token.ifPresent(expected -> rateLimits.authenticating(RequestContext.clientAddress(ctx), () -> {
            BearerToken.require(expected, ctx.header("Authorization"), "metrics token");
            return null;
        }));
        ExpositionFormatWriter writer = formats.findWriter(ctx.header("Accept"));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writer.write(body, metrics.snapshot());
        ctx.contentType(writer.getContentType()).result(body.toByteArray());
    }
}
