package dev.parley.idempotency;

import dev.parley.api.ApiException;
import dev.parley.auth.AuthenticatedHandler;
import dev.parley.auth.CallerFilter;
import dev.parley.auth.Principal;
import dev.parley.http.JsonBody;
import dev.parley.store.Database;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;

/**
 * Safe retries of creations. A POST to one of the given routes with an {@code Idempotency-Key} header runs in one
 * transaction with the key's row (see {@link Database#inRequestTransaction}): the creation and its answer commit
 * together, so no crash can leave one without the other. A retry with the same key and body from the same
 * credential gets the first answer again and creates nothing; a request while the first still runs waits for its
 * end, as the database waits for the row's lock. Only successes are remembered: an error rolls the key back with
 * everything else, so a retry may succeed.
 */
public final class IdempotentRequests implements CallerFilter {
    public static final String KEY_HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    public static final Duration REMEMBERED_FOR = Duration.ofHours(24);
    /** The creations a client may retry safely. */
    public static final List<String> CREATIONS = List.of("/v2/apps", "/v2/apps/{appId}/users",
            "/v2/apps/{appId}/conversations", "/v2/apps/{appId}/conversations/{conversationId}/messages");
    private static final Pattern PRINTABLE_KEY = Pattern.compile("[\\x20-\\x7E]{1,200}");
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{[^}]*}");
    private static final int MAX_ROUTE = 200;
    // PostgreSQL's lock_not_available, H2's lock timeout.
    private static final Set<String> LOCK_TIMEOUTS = Set.of("55P03", "HYT00");

    private final Database database;
    private final IdempotencyKeyStore keys;
    private final Clock clock;
    private final Set<String> routes;

    /** Applies to POSTs of those route templates (path parameters may have any name). */
    public IdempotentRequests(Database database, IdempotencyKeyStore keys, Clock clock,
                              Collection<String> routeTemplates) {
        this.database = database;
        this.keys = keys;
        this.clock = clock;
        this.routes = routeTemplates.stream().map(IdempotentRequests::shape).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public void handle(Context ctx, Principal caller, AuthenticatedHandler route) throws Exception {
        String key = ctx.header(KEY_HEADER);
        if (key == null || ctx.method() != HandlerType.POST || !routes.contains(shape(ctx.endpoint().path))) {
            route.handle(ctx, caller);
            return;
        }
        if (!PRINTABLE_KEY.matcher(key).matches()) {
            throw ApiException.badRequest(KEY_HEADER + " must be 1 to 200 printable ASCII characters");
        }
        RequestKey requestKey = new RequestKey(caller.accountId(), routeOf(ctx.path()), key);
        String digest = digest(caller.keyId(), JsonBody.raw(ctx));
        Instant now = clock.instant();
        try {
            database.inRequestTransaction(handle -> {
                keys.forgetUsedBefore(handle, requestKey, now.minus(REMEMBERED_FOR));
                if (!claim(handle, requestKey, digest, now)) {
                    replay(ctx, keys.find(handle, requestKey).orElseThrow(IdempotentRequests::inProgress), digest);
                    return null;
                }
                route.handle(ctx, caller);
                if (ctx.statusCode() >= 300) {
                    throw new NotRemembered();
                }
                // Reading the answer reads its stream: it is set again for the response.
                String answer = Objects.requireNonNullElse(ctx.result(), "");
                ctx.result(answer);
                keys.remember(handle, requestKey, ctx.statusCode(), answer);
                return null;
            });
        } catch (NotRemembered e) {
            // The route answered something other than a success without an error: nothing of it is kept.
        }
    }

    private boolean claim(Handle handle, RequestKey key, String digest, Instant now) {
        try {
            return keys.claim(handle, key, digest, now);
        } catch (JdbiException e) {
            if (e.getCause() instanceof SQLException sql && LOCK_TIMEOUTS.contains(sql.getSQLState())) {
                throw inProgress();
            }
            throw e;
        }
    }

    private static void replay(Context ctx, FirstAnswer first, String digest) {
        if (!first.requestDigest().equals(digest)) {
            throw new ApiException(422, "idempotency_key_reused", "This " + KEY_HEADER + " was already used with "
                    + "another request body (or by another key); use a new one for a new request");
        }
        ctx.status(first.status()).contentType("application/json").header(REPLAYED_HEADER, "true")
                .result(first.body());
    }

    private static ApiException inProgress() {
        return new ApiException(409, "conflict", "A request with this " + KEY_HEADER + " is in progress; "
                + "retry it once that one has been answered");
    }

    /** The request's path; one too long to store (its ids are no ids then) by its digest. */
    private static String routeOf(String path) {
        return path.length() <= MAX_ROUTE ? path : "sha256:" + sha256(path.getBytes(StandardCharsets.UTF_8));
    }

    /** Who sent which body: a retry must come from the same key, since the first answer is that key's to see. */
    private static String digest(String keyId, byte[] body) {
        return sha256((keyId + "\n").getBytes(StandardCharsets.UTF_8), body);
    }

    private static String sha256(byte[]... parts) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                sha256.update(part);
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static String shape(String template) {
        return PATH_PARAMETER.matcher(template).replaceAll("{}");
    }

    /** Rolls back whatever a route that answered no success changed, and keeps the key free. */
    private static final class NotRemembered extends RuntimeException {
        NotRemembered() {
            super(null, null, false, false);
        }
    }
}
