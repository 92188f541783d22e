package dev.parley.keys;

import static dev.parley.http.JsonBody.bodyOf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.audit.Actor;
import dev.parley.auth.ApiAuthentication;
import dev.parley.auth.ApiKey;
import dev.parley.auth.Principal;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The key routes of one API version, {@code …/keys} and {@code …/keys/{keyId}} (and in v1.1
 * {@code …/keys/{keyId}/jwt}), which each owner's routes mount under their own path.
 */
public final class KeyRoutes {
    private final KeyService keys;
    private final ApiAuthentication auth;
    private final Function<ApiKey, Object> view;
    private final Function<ObjectNode, String> displayNameOf;
    private final JwtIssuer jwts;

    private KeyRoutes(KeyService keys, ApiAuthentication auth, Function<ApiKey, Object> view,
                      Function<ObjectNode, String> displayNameOf, JwtIssuer jwts) {
        this.keys = keys;
        this.auth = auth;
        this.view = view;
        this.displayNameOf = displayNameOf;
        this.jwts = jwts;
    }

    /** v2: {@code {"displayName"}} in, {@code {"id","displayName","secret"}} out. */
    public static KeyRoutes v2(KeyService keys, ApiAuthentication auth) {
        return new KeyRoutes(keys, auth, KeyView::of, KeyBodies::displayName, null);
    }

    /** v1.1: {@code {"name"}} in, {@code {"_id","secret","name"}} out, and a JWT signed with a key on request. */
    public static KeyRoutes v1(KeyService keys, JwtIssuer jwts, ApiAuthentication auth) {
        return new KeyRoutes(keys, auth, KeyViewV1::of, KeyBodies::nameV1, jwts);
    }

    /**
     * @param ownerPath  the owner's path, such as {@code /v2/apps/{appId}}
     * @param ownerParam the path parameter that names the owner, such as {@code appId}
     * @param owners     the owners' kind of record as a caller sees them
     */
    public void mount(JavalinDefaultRoutingApi routes, String ownerPath, String ownerParam,
                      Function<Principal, KeyOwner> owners) {
        mount(routes, ownerPath, ownerParam, (caller, ctx) -> owners.apply(caller));
    }

    /** For owners that the request's path names more of, such as an integration inside its app. */
    public void mount(JavalinDefaultRoutingApi routes, String ownerPath, String ownerParam,
                      BiFunction<Principal, Context, KeyOwner> owners) {
        routes.post(ownerPath + "/keys", auth.require((ctx, caller) -> ctx.status(201).json(Map.of("key",
                view.apply(keys.create(Actor.of(caller), owners.apply(caller, ctx), ctx.pathParam(ownerParam),
                        bodyOf(ctx, displayNameOf)))))));
        routes.get(ownerPath + "/keys", auth.require((ctx, caller) -> ctx.json(Map.of("keys",
                keys.list(owners.apply(caller, ctx), ctx.pathParam(ownerParam)).stream().map(view).toList()))));
        routes.get(ownerPath + "/keys/{keyId}", auth.require((ctx, caller) -> ctx.json(Map.of("key", view.apply(
                keys.get(owners.apply(caller, ctx), ctx.pathParam(ownerParam), ctx.pathParam("keyId")))))));
        routes.delete(ownerPath + "/keys/{keyId}", auth.require((ctx, caller) -> {
            keys.delete(Actor.of(caller), owners.apply(caller, ctx), ctx.pathParam(ownerParam), ctx.pathParam("keyId"));
            ctx.json(Map.of());
        }));
        if (jwts != null) {
            routes.get(ownerPath + "/keys/{keyId}/jwt", auth.require((ctx, caller) -> ctx.json(Map.of("jwt",
                    jwts.sign(keys.get(owners.apply(caller, ctx), ctx.pathParam(ownerParam), ctx.pathParam("keyId")))))));
        }
    }
}
