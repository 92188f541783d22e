package dev.parley.http;

import dev.parley.config.ConfigException;
import dev.parley.config.TrustedProxies;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.javalin.router.InternalRouter;
import io.javalin.util.JavalinBindException;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.jetty.server.handler.GracefulHandler;

/** The HTTP server: Javalin on Jetty, handlers on virtual threads, one error shape for everything. */
public final class ApiServer {
    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(20);

    private final Javalin javalin;
    private final Optional<InetAddress> bindAddress;

    /**
     * @param publicUrl   PARLEY_PUBLIC_URL, the base of absolute links in responses (see {@link RequestUrls})
     * @param bindAddress PARLEY_BIND_ADDRESS, the one address to listen on; empty for every interface
     * @param registry    where each request's time is recorded (see {@link RequestLog})
     */
    public ApiServer(List<RouteGroup> groups, TrustedProxies proxies, Optional<String> publicUrl,
                     Optional<InetAddress> bindAddress, MeterRegistry registry) {
        this.bindAddress = bindAddress;
        RequestLog requestLog = new RequestLog(registry, this::router);
        Set<String> pathsAnsweringHead = groups.stream().flatMap(group -> group.pathsAnsweringHead().stream())
                .collect(Collectors.toUnmodifiableSet());
        Set<String> prefixesAnsweringHead = groups.stream()
                .flatMap(group -> group.pathPrefixesAnsweringHead().stream())
                .collect(Collectors.toUnmodifiableSet());
        List<Pattern> streamedBodies = groups.stream().flatMap(group -> group.pathsStreamingBodies().stream()).toList();
        this.javalin = Javalin.create(config -> {
            config.appData(RequestUrls.PUBLIC_URL, publicUrl);
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.concurrency.useVirtualThreads = true;
            config.http.prefer405over404 = true;
            config.http.maxRequestSize = JsonBody.MAX_BYTES;
            config.http.defaultContentType = "application/json";
            config.jsonMapper(new JavalinJackson(Json.mapper(), true));
            config.jetty.modifyHttpConfiguration(http -> {
                http.setSendServerVersion(false);
                http.setSendXPoweredBy(false);
                http.setRequestHeaderSize(16 * 1024);
            });
            config.jetty.modifyServer(server -> {
                server.setErrorHandler(new JsonErrorHandler());
                server.setStopTimeout(GRACEFUL_STOP.toMillis());
                // In-flight requests finish before the server stops; new ones are refused meanwhile.
                server.setHandler(new GracefulHandler(new MethodGuard(server.getHandler(), pathsAnsweringHead,
                        prefixesAnsweringHead)));
            });
            config.requestLogger.http(requestLog::finished);
            config.routes.before(ctx -> RequestContext.begin(ctx, proxies));
            config.routes.before(ctx -> JsonBody.readFirst(ctx, streamedBodies));
            config.routes.after(RequestContext::end);
            ErrorMapping.install(config.routes);
            groups.forEach(group -> group.addTo(config.routes));
        });
    }

    public ApiServer start(int port) {
        try {
            if (bindAddress.isPresent()) {
                javalin.start(bindAddress.get().getHostAddress(), port);
            } else {
                javalin.start(port);
            }
        } catch (JavalinBindException e) {
            // Javalin says "port already in use" whatever the reason; the socket's own reason says which to fix.
            Throwable reason = e;
            while (reason.getCause() != null) {
                reason = reason.getCause();
            }
            javalin.stop();
            throw new ConfigException("cannot listen on port " + port + " of " + address() + ": "
                    + reason.getMessage() + "; PARLEY_BIND_ADDRESS must be an address of this machine (or unset) "
                    + "and PARLEY_PORT a free port");
        }
        return this;
    }

    private InternalRouter router() {
        return javalin.unsafe.internalRouter;
    }

    public int port() {
        return javalin.port();
    }

    /** Where the server listens: an address, or every interface. */
    public String address() {
        return bindAddress.map(InetAddress::getHostAddress).orElse("every interface");
    }

    /** Stops accepting requests, lets those in flight finish, then stops. */
    public void stop() {
        javalin.stop();
    }
}
