package dev.parley.http;

import dev.parley.api.ApiException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.jdbi.v3.core.ConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps every exception a route can raise to the error shape. Unexpected failures answer 500 with no detail; the
 * log names the exception types only, since messages of database errors can carry bound values.
 */
public final class ErrorMapping {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);

    private ErrorMapping() {
    }

    public static void install(JavalinDefaultRoutingApi routes) {
        routes.exception(ApiException.class, (e, ctx) -> {
            if (e.retryAfterSeconds() > 0) {
                ctx.header("Retry-After", String.valueOf(e.retryAfterSeconds()));
            }
            beforeAnError(ctx, e.status());
            write(ctx, e.status(), e.code(), e.title());
        });
        routes.exception(HttpResponseException.class, (e, ctx) -> {
            beforeAnError(ctx, e.getStatus());
            write(ctx, e.getStatus(), ErrorCodes.codeFor(e.getStatus()), ErrorCodes.titleFor(e.getStatus()));
        });
        routes.exception(Exception.class, (e, ctx) -> {
            JsonBody.discardRest(ctx);
            if (isDatabaseUnavailable(e)) {
                LOG.warn("database unavailable: {}", causeChain(e));
                ApiException unavailable = ApiException.databaseUnavailable();
                write(ctx, unavailable.status(), unavailable.code(), unavailable.title());
            } else {
                LOG.error("unexpected failure: {}", causeChain(e));
                write(ctx, 500, "internal_error", ErrorCodes.titleFor(500));
            }
        });
    }

    /**
     * A route that streams its body (an upload, an import) may be refused before it read it (a wrong key, a refused
     * upload): what the client is still sending is read and dropped, up to a bound, so that it gets its answer
     * rather than a reset connection. The rest of an oversized body is never read: that connection closes.
     */
    private static void beforeAnError(Context ctx, int status) {
        if (status == 413) {
            ctx.header("Connection", "close");
        } else {
            JsonBody.discardRest(ctx);
        }
    }

    public static void write(Context ctx, int status, String code, String title) {
        ctx.status(status).json(ctx.path().startsWith("/v1.1/")
                ? ErrorBody.withLegacyError(code, title)
                : ErrorBody.of(code, title));
    }

    public static boolean isDatabaseUnavailable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ConnectionException || t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    /** The exception types along the cause chain, with SQL states: enough to diagnose, nothing from the request. */
    public static String causeChain(Throwable error) {
        StringBuilder chain = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (!chain.isEmpty()) {
                chain.append(" <- ");
            }
            chain.append(t.getClass().getName());
            if (t instanceof SQLException sql) {
                chain.append("[SQLState ").append(sql.getSQLState()).append(", code ").append(sql.getErrorCode())
                        .append(']');
            }
            StackTraceElement[] frames = t.getStackTrace();
            if (t.getCause() == null && frames.length > 0) {
                chain.append(" at ").append(frames[0]);
            }
        }
        return chain.toString();
    }
}
