package dev.parley.transfer;

import dev.parley.api.ApiException;
import dev.parley.auth.ApiAuthentication;
import dev.parley.http.ErrorMapping;
import dev.parley.http.QueryParameters;
import dev.parley.http.RouteGroup;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v2/apps/{appId}/export} and {@code POST /v2/apps/{appId}/import}: an app's data out and in as
 * newline-delimited JSON, streamed both ways.
 */
public final class TransferRoutes implements RouteGroup {
    private static final Logger LOG = LoggerFactory.getLogger(TransferRoutes.class);
    static final String NDJSON = "application/x-ndjson";
    private static final String EVENTS = "events";

    private final AppExport export;
    private final AppImport appImport;
    private final long importMaxBytes;
    private final ApiAuthentication auth;

    public TransferRoutes(AppExport export, AppImport appImport, long importMaxBytes, ApiAuthentication auth) {
        this.export = export;
        this.appImport = appImport;
        this.importMaxBytes = importMaxBytes;
        this.auth = auth;
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi routes) {
        routes.get("/v2/apps/{appId}/export", auth.require((ctx, caller) -> {
            AtomicBoolean opened = new AtomicBoolean();
            try {
                export.write(caller, ctx.pathParam("appId"), () -> {
                    opened.set(true);
                    ctx.status(200).contentType(NDJSON);
                    return ctx.outputStream();
                });
            } catch (RuntimeException e) {
                if (!opened.get()) {
                    throw e;
                }
                // The answer is under way and cannot turn into an error: it ends without its end line, which tells
                // the client that the export is incomplete.
                LOG.warn("export of app {} ended early: {}", ctx.pathParam("appId"), ErrorMapping.causeChain(e));
            }
        }));
        routes.post("/v2/apps/{appId}/import", auth.require((ctx, caller) -> {
            String contentType = ctx.header("Content-Type");
            if (contentType == null || !contentType.split(";")[0].strip().toLowerCase(Locale.ROOT).equals(NDJSON)) {
                throw new ApiException(415, "unsupported_media_type",
                        "Import bodies must be sent with Content-Type: " + NDJSON);
            }
            boolean withEvents = events(QueryParameters.single(ctx, EVENTS));
            String appId = ctx.pathParam("appId");
            ImportInto into = appImport.authorize(caller, appId, withEvents);
            if (ctx.req().getContentLengthLong() > importMaxBytes) {
                throw NdjsonLines.tooLarge(importMaxBytes);
            }
            ImportSummary summary;
            try {
                summary = appImport.run(into, ctx.req().getInputStream(), importMaxBytes);
            } catch (IOException | UncheckedIOException e) {
                throw ApiException.badRequest("The request body ended early; the lines before were imported, and "
                        + "importing again skips them");
            }
            ctx.json(Map.of("import", summary));
        }));
    }

    /** The import's body is read as it arrives, not first and whole as JSON bodies are. */
    @Override
    public List<Pattern> pathsStreamingBodies() {
        return List.of(Pattern.compile("/v2/apps/[^/]+/import"));
    }

    private static boolean events(String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw ApiException.badRequest(EVENTS + " must be true or false");
    }
}
