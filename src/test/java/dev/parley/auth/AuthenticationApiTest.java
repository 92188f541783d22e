package dev.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.parley.testing.ApiTest;
import dev.parley.testing.Auth;
import dev.parley.testing.Response;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Who gets in, with which credentials, and what each kind of key may reach. */
class AuthenticationApiTest extends ApiTest {

    @Test
    void acceptsAccountKeysOverBasicAndJwt() {
        AccountFixture account = createAccount("Auth accepted", null);
        String appId = createApp(account.basic(), "Mine");

        Response basic = api.get("/v2/apps", account.basic());
        assertThat(basic.status()).as(basic.toString()).isEqualTo(200);
        assertThat(basic.json().path("apps")).hasSize(1);

        Response jwt = api.get("/v2/apps", Auth.jwt(account.keyId(), account.secret(), "account"));
        assertThat(jwt.status()).as(jwt.toString()).isEqualTo(200);
        assertThat(jwt.json().path("apps").path(0).path("id").asText()).isEqualTo(appId);

        Response lowerCaseSchemes = api.get("/v2/apps/" + appId,
                new Auth(account.basic().header().replace("Basic ", "basic ")));
        assertThat(lowerCaseSchemes.status()).as("the scheme is case-insensitive").isEqualTo(200);
    }

    @Test
    void acceptsAppKeysOverBasicAndJwtOnTheirApp() {
        AccountFixture account = createAccount("Auth app key", null);
        String appId = createApp(account.basic(), "With key");
        KeyFixture appKey = createAppKey(account.basic(), appId, "app key");
        assertThat(appKey.id()).startsWith("app_");

        Response basic = api.get("/v2/apps/" + appId, appKey.basic());
        assertThat(basic.status()).as(basic.toString()).isEqualTo(200);
        assertThat(basic.at("/app/id")).isEqualTo(appId);

        Response jwt = api.get("/v2/apps/" + appId, appKey.jwt("app"));
        assertThat(jwt.status()).as(jwt.toString()).isEqualTo(200);
        assertThat(jwt.at("/app/id")).isEqualTo(appId);
    }

    @Test
    void refusesMissingAndMalformedCredentials() {
        AccountFixture account = createAccount("Auth refused", null);
        String id = account.keyId();
        String secret = account.secret();
        AccountFixture other = createAccount("Auth other", null);

        Map<String, Auth> refused = new LinkedHashMap<>();
        refused.put("no Authorization header", Auth.NONE);
        refused.put("empty Authorization header", new Auth(""));
        refused.put("unknown scheme", new Auth("Token x"));
        refused.put("unknown scheme with valid Basic credentials",
                new Auth(account.basic().header().replace("Basic ", "Digest ")));
        refused.put("Basic with wrong secret", Auth.basic(id, secret + "x"));
        refused.put("Basic with another key's secret", Auth.basic(id, other.secret()));
        refused.put("Basic with empty secret", Auth.basic(id, ""));
        refused.put("Basic with unknown key id", Auth.basic("act_" + "0".repeat(24), secret));
        refused.put("Basic with malformed key id", Auth.basic("nonsense", secret));
        refused.put("Basic malformed base64", new Auth("Basic !!!not base64***"));
        refused.put("Basic without colon", new Auth("Basic " + base64((id + secret).getBytes(StandardCharsets.UTF_8))));
        refused.put("Basic without credentials", new Auth("Basic"));
        refused.put("Bearer without token", new Auth("Bearer"));
        refused.put("garbage bearer token", Auth.bearer("this-is-not-a-jwt"));
        refused.put("garbage three-part bearer token", Auth.bearer("abc.def.ghi"));
        refused.put("the secret itself as bearer token", Auth.bearer(secret));
        refused.put("JWT alg none", Auth.bearer(unsignedJwt(id, "{\"scope\":\"account\"}")));
        refused.put("JWT alg none with signature", Auth.bearer(unsignedJwt(id, "{\"scope\":\"account\"}") + "c2ln"));
        refused.put("JWT HS384 with the right secret",
                Auth.bearer(hmacJwt("HS384", "HmacSHA384", id, secret, "{\"scope\":\"account\"}")));
        refused.put("JWT HS512 with the right secret",
                Auth.bearer(hmacJwt("HS512", "HmacSHA512", id, secret, "{\"scope\":\"account\"}")));
        refused.put("JWT signed with another secret", Auth.jwt(id, other.secret(), "account"));
        refused.put("JWT with a tampered payload", Auth.bearer(tamperedPayload(Auth.jwt(id, secret, "account"))));
        refused.put("JWT with unknown kid", Auth.jwt("act_" + "0".repeat(24), secret, "account"));
        refused.put("JWT without kid", Auth.bearer(Auth.signedJwt(JWSAlgorithm.HS256, null, secret,
                new JWTClaimsSet.Builder().claim("scope", "account").build())));
        refused.put("JWT by an account key with scope app", Auth.jwt(id, secret, "app"));
        refused.put("JWT by an account key without scope", Auth.bearer(Auth.signedJwt(JWSAlgorithm.HS256, id, secret,
                new JWTClaimsSet.Builder().subject("x").build())));
        refused.put("expired JWT", Auth.bearer(Auth.signedJwt(JWSAlgorithm.HS256, id, secret,
                Auth.scopeExpiringAt("account", new Date(System.currentTimeMillis() - 60_000)))));
        refused.put("JWT sent with the Basic scheme",
                new Auth(Auth.jwt(id, secret, "account").header().replace("Bearer ", "Basic ")));
        refused.put("Basic credentials sent with the Bearer scheme",
                new Auth(account.basic().header().replace("Basic ", "Bearer ")));

        for (Map.Entry<String, Auth> attempt : refused.entrySet()) {
            for (String path : List.of("/v2/apps", "/v2/serviceaccounts")) {
                Response response = api.get(path, attempt.getValue());
                assertThat(response.status()).as(attempt.getKey() + " on " + path + ": " + response).isEqualTo(401);
                assertThat(response.errorCode()).as(attempt.getKey()).isEqualTo("unauthorized");
            }
        }
        Response write = api.post("/v2/apps", Auth.basic(id, secret + "x"), "{\"displayName\":\"Sneaky\"}");
        assertThat(write.status()).isEqualTo(401);
        assertThat(api.get("/v2/apps", account.basic()).json().path("apps")).as("nothing was created").isEmpty();
    }

    @Test
    void refusesAppKeyTokensWithTheWrongScope() {
        AccountFixture account = createAccount("Auth app scope", null);
        String appId = createApp(account.basic(), "Scoped");
        KeyFixture appKey = createAppKey(account.basic(), appId, "app key");

        for (Auth auth : List.of(appKey.jwt("account"), appKey.jwt("APP"), appKey.jwt(""),
                Auth.basic(appKey.id(), appKey.secret() + "x"),
                Auth.bearer(hmacJwt("HS512", "HmacSHA512", appKey.id(), appKey.secret(), "{\"scope\":\"app\"}")))) {
            Response response = api.get("/v2/apps/" + appId, auth);
            assertThat(response.status()).as(auth.header() + ": " + response).isEqualTo(401);
            assertThat(response.errorCode()).isEqualTo("unauthorized");
        }
    }

    @Test
    void acceptsAJwtThatExpiresLaterAndRefusesOneThatHasExpired() {
        AccountFixture account = createAccount("Auth expiry", null);
        Auth later = Auth.bearer(Auth.signedJwt(JWSAlgorithm.HS256, account.keyId(), account.secret(),
                Auth.scopeExpiringAt("account", new Date(System.currentTimeMillis() + 600_000))));
        Response accepted = api.get("/v2/apps", later);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);

        Auth earlier = Auth.bearer(Auth.signedJwt(JWSAlgorithm.HS256, account.keyId(), account.secret(),
                Auth.scopeExpiringAt("account", new Date(System.currentTimeMillis() - 5_000))));
        Response refused = api.get("/v2/apps", earlier);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.errorCode()).isEqualTo("unauthorized");

        Auth notYetValid = Auth.bearer(Auth.signedJwt(JWSAlgorithm.HS256, account.keyId(), account.secret(),
                new JWTClaimsSet.Builder().claim("scope", "account")
                        .notBeforeTime(new Date(System.currentTimeMillis() + 600_000)).build()));
        assertThat(api.get("/v2/apps", notYetValid).status()).as("nbf in the future").isEqualTo(401);
    }

    @Test
    void refusesATokenOnceItExpiresAlthoughItWasAcceptedBefore() throws InterruptedException {
        AccountFixture account = createAccount("Auth expiry while in use", null);
        // JWT times are whole seconds: the token expires at the second after next.
        long expiresAtMillis = (System.currentTimeMillis() / 1000 + 2) * 1000;
        Auth shortLived = Auth.bearer(Auth.signedJwt(JWSAlgorithm.HS256, account.keyId(), account.secret(),
                Auth.scopeExpiringAt("account", new Date(expiresAtMillis))));
        Response accepted = api.get("/v2/apps", shortLived);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);

        Thread.sleep(Math.max(0, expiresAtMillis - System.currentTimeMillis()) + 50);

        Response refused = api.get("/v2/apps", shortLived);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
        assertThat(refused.json().path("errors").path(0).path("title").asText()).contains("expired");
    }

    @Test
    void refusesADeletedAccountKeyAtOnce() {
        AccountFixture account = createAccount("Auth deleted key", null);
        Response second = api.post("/admin/accounts/" + account.id() + "/keys", server.operator(),
                "{\"displayName\":\"Second\"}");
        assertThat(second.status()).isEqualTo(201);
        KeyFixture key = key(second.json().path("key"));
        Auth jwt = key.jwt("account");
        assertThat(api.get("/v2/apps", jwt).status()).isEqualTo(200);
        assertThat(api.get("/v2/apps", key.basic()).status()).isEqualTo(200);

        assertThat(api.delete("/admin/accounts/" + account.id() + "/keys/" + key.id(), server.operator()).status())
                .isEqualTo(200);

        Response jwtAfter = api.get("/v2/apps", jwt);
        assertThat(jwtAfter.status()).as(jwtAfter.toString()).isEqualTo(401);
        assertThat(jwtAfter.errorCode()).isEqualTo("unauthorized");
        assertThat(api.get("/v2/apps", key.basic()).status()).isEqualTo(401);
        assertThat(api.get("/v2/apps", account.basic()).status()).as("the other key still works").isEqualTo(200);
    }

    @Test
    void refusesADeletedAppKeyAtOnce() {
        AccountFixture account = createAccount("Auth deleted app key", null);
        String appId = createApp(account.basic(), "App");
        KeyFixture appKey = createAppKey(account.basic(), appId, "doomed");
        Auth jwt = appKey.jwt("app");
        assertThat(api.get("/v2/apps/" + appId, jwt).status()).isEqualTo(200);

        assertThat(api.delete("/v2/apps/" + appId + "/keys/" + appKey.id(), account.basic()).status()).isEqualTo(200);

        Response after = api.get("/v2/apps/" + appId, jwt);
        assertThat(after.status()).as(after.toString()).isEqualTo(401);
        assertThat(after.errorCode()).isEqualTo("unauthorized");
        assertThat(api.get("/v2/apps/" + appId, appKey.basic()).status()).isEqualTo(401);
    }

    @Test
    void letsAnAppKeyReadAndUpdateOnlyItsOwnApp() {
        AccountFixture account = createAccount("App key reach", null);
        String appId = createApp(account.basic(), "Own");
        String sibling = createApp(account.basic(), "Sibling");
        KeyFixture appKey = createAppKey(account.basic(), appId, "k");
        KeyFixture siblingKey = createAppKey(account.basic(), sibling, "sibling key");

        for (Auth auth : List.of(appKey.basic(), appKey.jwt("app"))) {
            Response read = api.get("/v2/apps/" + appId, auth);
            assertThat(read.status()).as(read.toString()).isEqualTo(200);
            assertThat(read.at("/app/displayName")).isNotBlank();

            String name = "Renamed " + (auth.equals(appKey.basic()) ? "basic" : "jwt") + " " + System.nanoTime();
            Response updated = api.patch("/v2/apps/" + appId, auth, "{\"displayName\":\"" + name + "\"}");
            assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
            assertThat(updated.at("/app/displayName")).isEqualTo(name);
            assertThat(api.get("/v2/apps/" + appId, account.basic()).at("/app/displayName")).isEqualTo(name);

            Map<String, Response> forbidden = new LinkedHashMap<>();
            forbidden.put("DELETE own app", api.delete("/v2/apps/" + appId, auth));
            forbidden.put("GET own app's keys", api.get("/v2/apps/" + appId + "/keys", auth));
            forbidden.put("POST own app's keys", api.post("/v2/apps/" + appId + "/keys", auth,
                    "{\"displayName\":\"more\"}"));
            forbidden.put("GET own key", api.get("/v2/apps/" + appId + "/keys/" + appKey.id(), auth));
            forbidden.put("DELETE own key", api.delete("/v2/apps/" + appId + "/keys/" + appKey.id(), auth));
            forbidden.put("GET /v2/apps", api.get("/v2/apps", auth));
            forbidden.put("POST /v2/apps", api.post("/v2/apps", auth, "{\"displayName\":\"New\"}"));
            forbidden.put("GET sibling app", api.get("/v2/apps/" + sibling, auth));
            forbidden.put("PATCH sibling app", api.patch("/v2/apps/" + sibling, auth, "{\"displayName\":\"Taken\"}"));
            forbidden.put("DELETE sibling app", api.delete("/v2/apps/" + sibling, auth));
            forbidden.put("GET sibling's keys", api.get("/v2/apps/" + sibling + "/keys", auth));
            forbidden.put("DELETE sibling's key",
                    api.delete("/v2/apps/" + sibling + "/keys/" + siblingKey.id(), auth));
            for (Map.Entry<String, Response> entry : forbidden.entrySet()) {
                assertThat(entry.getValue().status()).as(entry.getKey() + ": " + entry.getValue()).isEqualTo(403);
                assertThat(entry.getValue().errorCode()).as(entry.getKey()).isEqualTo("forbidden");
            }
        }

        Response stillThere = api.get("/v2/apps/" + appId, account.basic());
        assertThat(stillThere.status()).as("the refused DELETE changed nothing").isEqualTo(200);
        assertThat(api.get("/v2/apps/" + sibling, account.basic()).at("/app/displayName")).isEqualTo("Sibling");
        assertThat(api.get("/v2/apps", account.basic()).json().path("apps")).as("no app was created").hasSize(2);
        assertThat(api.get("/v2/apps/" + appId + "/keys", account.basic()).json().path("keys"))
                .as("no key was created or deleted").hasSize(1);
        assertThat(api.get("/v2/apps/" + sibling + "/keys", account.basic()).json().path("keys")).hasSize(1);
        assertThat(api.get("/v2/apps/" + appId, appKey.basic()).status()).as("the key still works").isEqualTo(200);
    }

    @Test
    void keepsAppKeysAwayFromServiceAccounts() {
        AccountFixture account = createAccount("App key no SA", null);
        String appId = createApp(account.basic(), "Own");
        KeyFixture appKey = createAppKey(account.basic(), appId, "k");
        Response created = api.post("/v2/serviceaccounts", account.basic(), "{\"displayName\":\"Robot\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String sa = created.at("/serviceAccount/id");

        for (Auth auth : List.of(appKey.basic(), appKey.jwt("app"))) {
            Map<String, Response> forbidden = new LinkedHashMap<>();
            forbidden.put("list", api.get("/v2/serviceaccounts", auth));
            forbidden.put("create", api.post("/v2/serviceaccounts", auth, "{\"displayName\":\"Mine\"}"));
            forbidden.put("get", api.get("/v2/serviceaccounts/" + sa, auth));
            forbidden.put("rename", api.patch("/v2/serviceaccounts/" + sa, auth, "{\"displayName\":\"Hijacked\"}"));
            forbidden.put("delete", api.delete("/v2/serviceaccounts/" + sa, auth));
            forbidden.put("list keys", api.get("/v2/serviceaccounts/" + sa + "/keys", auth));
            forbidden.put("create key", api.post("/v2/serviceaccounts/" + sa + "/keys", auth,
                    "{\"displayName\":\"k\"}"));
            forbidden.put("list apps", api.get("/v2/serviceaccounts/" + sa + "/apps", auth));
            forbidden.put("grant", api.send("PUT", "/v2/serviceaccounts/" + sa + "/apps/" + appId, auth, null, null,
                    Map.of()));
            forbidden.put("revoke", api.delete("/v2/serviceaccounts/" + sa + "/apps/" + appId, auth));
            for (Map.Entry<String, Response> entry : forbidden.entrySet()) {
                assertThat(entry.getValue().status()).as(entry.getKey() + ": " + entry.getValue()).isEqualTo(403);
                assertThat(entry.getValue().errorCode()).as(entry.getKey()).isEqualTo("forbidden");
            }
        }
        Response list = api.get("/v2/serviceaccounts", account.basic());
        assertThat(list.json().path("serviceAccounts")).as("nothing was created or deleted").hasSize(1);
        assertThat(list.json().path("serviceAccounts").path(0).path("displayName").asText()).isEqualTo("Robot");
        assertThat(api.get("/v2/serviceaccounts/" + sa + "/keys", account.basic()).json().path("keys")).isEmpty();
    }

    @Test
    void hidesAppsOfAnotherAccountFromAppKeys() {
        AccountFixture first = createAccount("App key tenant one", null);
        AccountFixture second = createAccount("App key tenant two", null);
        String own = createApp(first.basic(), "Own");
        KeyFixture appKey = createAppKey(first.basic(), own, "k");
        String foreign = createApp(second.basic(), "Foreign");
        KeyFixture foreignKey = createAppKey(second.basic(), foreign, "foreign key");

        for (Auth auth : List.of(appKey.basic(), appKey.jwt("app"))) {
            for (Response response : List.of(
                    api.get("/v2/apps/" + foreign, auth),
                    api.patch("/v2/apps/" + foreign, auth, "{\"displayName\":\"Stolen\"}"),
                    api.delete("/v2/apps/" + foreign, auth),
                    api.get("/v2/apps/" + foreign + "/keys", auth),
                    api.get("/v2/apps/" + foreign + "/keys/" + foreignKey.id(), auth))) {
                assertThat(response.status()).as(response.toString()).isEqualTo(404);
            }
        }
        assertThat(api.get("/v2/apps/" + foreign, second.basic()).at("/app/displayName")).isEqualTo("Foreign");
    }

    @Test
    void hidesAppsAndKeysOfAnotherAccountFromAccountKeys() {
        AccountFixture first = createAccount("Act tenant one", null);
        AccountFixture second = createAccount("Act tenant two", null);
        String appOfSecond = createApp(second.basic(), "Theirs");
        KeyFixture keyOfSecond = createAppKey(second.basic(), appOfSecond, "their key");

        for (Auth auth : List.of(first.basic(), first.jwt())) {
            Map<String, Response> hidden = new LinkedHashMap<>();
            hidden.put("GET app", api.get("/v2/apps/" + appOfSecond, auth));
            hidden.put("PATCH app", api.patch("/v2/apps/" + appOfSecond, auth, "{\"displayName\":\"Stolen\"}"));
            hidden.put("DELETE app", api.delete("/v2/apps/" + appOfSecond, auth));
            hidden.put("GET keys", api.get("/v2/apps/" + appOfSecond + "/keys", auth));
            hidden.put("POST keys", api.post("/v2/apps/" + appOfSecond + "/keys", auth, "{\"displayName\":\"x\"}"));
            hidden.put("GET key", api.get("/v2/apps/" + appOfSecond + "/keys/" + keyOfSecond.id(), auth));
            hidden.put("DELETE key", api.delete("/v2/apps/" + appOfSecond + "/keys/" + keyOfSecond.id(), auth));
            for (Map.Entry<String, Response> entry : hidden.entrySet()) {
                assertThat(entry.getValue().status()).as(entry.getKey() + ": " + entry.getValue()).isEqualTo(404);
            }
            assertThat(hidden.get("GET app").errorCode()).isEqualTo("app_not_found");
        }
        assertThat(api.get("/v2/apps/" + appOfSecond, second.basic()).at("/app/displayName")).isEqualTo("Theirs");
        assertThat(api.get("/v2/apps/" + appOfSecond + "/keys", second.basic()).json().path("keys")).hasSize(1);
        assertThat(api.get("/v2/apps/" + appOfSecond, keyOfSecond.basic()).status()).isEqualTo(200);
    }

    @Test
    void keepsOperatorAndApiCredentialsApart() {
        AccountFixture account = createAccount("Credential kinds", null);
        String operatorToken = server.operator().header().substring("Bearer ".length());

        for (Response response : List.of(
                api.get("/v2/apps", server.operator()),
                api.post("/v2/apps", server.operator(), "{\"displayName\":\"By operator\"}"),
                api.get("/v2/serviceaccounts", server.operator()),
                api.get("/v2/apps", Auth.basic("operator", operatorToken)))) {
            assertThat(response.status()).as(response.toString()).isEqualTo(401);
            assertThat(response.errorCode()).isEqualTo("unauthorized");
        }
        for (Auth auth : List.of(account.basic(), account.jwt(), Auth.bearer(account.secret()))) {
            for (Response response : List.of(
                    api.get("/admin/accounts", auth),
                    api.get("/admin/accounts/" + account.id(), auth),
                    api.post("/admin/accounts", auth, "{\"displayName\":\"By key\"}"))) {
                assertThat(response.status()).as(auth.header() + ": " + response).isEqualTo(401);
                assertThat(response.errorCode()).isEqualTo("unauthorized");
            }
        }
        assertThat(api.get("/v2/apps", account.basic()).json().path("apps")).isEmpty();
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String base64url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** An unsecured JWT: {"alg":"none"} with an empty signature. */
    private static String unsignedJwt(String keyId, String payload) {
        return base64url("{\"alg\":\"none\",\"kid\":\"" + keyId + "\"}") + "." + base64url(payload) + ".";
    }

    /**
     * A JWT signed by hand with an HMAC of the key's secret. Nimbus refuses to sign HS384/HS512 with a 43-byte
     * secret, so these are made here.
     */
    private static String hmacJwt(String alg, String macAlgorithm, String keyId, String secret, String payload) {
        String signingInput = base64url("{\"alg\":\"" + alg + "\",\"kid\":\"" + keyId + "\",\"typ\":\"JWT\"}")
                + "." + base64url(payload);
        try {
            Mac mac = Mac.getInstance(macAlgorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), macAlgorithm));
            byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** The token with its payload replaced (scope claim kept) and its original signature. */
    private static String tamperedPayload(Auth jwt) {
        String[] parts = jwt.header().substring("Bearer ".length()).split("\\.");
        return parts[0] + "." + base64url("{\"scope\":\"account\",\"extra\":true}") + "." + parts[2];
    }
}
