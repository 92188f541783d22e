package dev.parley.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.zendesk.sunshine_conversations_client.ApiClient;
import com.zendesk.sunshine_conversations_client.ApiException;
import com.zendesk.sunshine_conversations_client.api.AppKeysApi;
import com.zendesk.sunshine_conversations_client.api.AppsApi;
import com.zendesk.sunshine_conversations_client.auth.HttpBearerAuth;
import com.zendesk.sunshine_conversations_client.model.App;
import com.zendesk.sunshine_conversations_client.model.AppCreateBody;
import com.zendesk.sunshine_conversations_client.model.AppKey;
import com.zendesk.sunshine_conversations_client.model.AppKeyCreateBody;
import com.zendesk.sunshine_conversations_client.model.AppListFilter;
import com.zendesk.sunshine_conversations_client.model.AppListResponse;
import com.zendesk.sunshine_conversations_client.model.AppSettings;
import com.zendesk.sunshine_conversations_client.model.AppUpdateBody;
import com.zendesk.sunshine_conversations_client.model.Page;
import dev.parley.testing.ApiTest;
import dev.parley.testing.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The published Java client of the Sunshine Conversations v2 API ({@code com.zendesk:sunshine-conversations-client})
 * against Parley, configured the way its README says, with only the base path and the credentials changed. Every
 * method of {@link AppsApi} and {@link AppKeysApi} is called, over Basic auth, over a bearer JWT set on the client,
 * and over the per-call {@code bearerToken} overloads. The data plane's APIs: {@link JavaClientDataPlaneTest}.
 */
class JavaClientCompatibilityTest extends ApiTest {
    private final List<ApiClient> clients = new ArrayList<>();

    @Test
    void everyAppsAndAppKeysMethodWorksOverBasicAuth() throws ApiException {
        AccountFixture account = createAccount("Java client, Basic", null);
        ApiClient client = client();
        client.setUsername(account.keyId());
        client.setPassword(account.secret());
        exerciseEveryMethod(account, new Calls(new AppsApi(client), new AppKeysApi(client), null));
    }

    @Test
    void everyAppsAndAppKeysMethodWorksOverABearerJwt() throws ApiException {
        AccountFixture account = createAccount("Java client, JWT", null);
        ApiClient client = client();
        ((HttpBearerAuth) client.getAuthentication("bearerAuth")).setBearerToken(jwt(account.keyId(), account.secret(), "account"));
        exerciseEveryMethod(account, new Calls(new AppsApi(client), new AppKeysApi(client), null));
    }

    @Test
    void everyPerCallBearerTokenOverloadWorks() throws ApiException {
        AccountFixture account = createAccount("Java client, per-call token", null);
        ApiClient client = client(); // no credentials of its own: every call passes its token
        exerciseEveryMethod(account, new Calls(new AppsApi(client), new AppKeysApi(client),
                jwt(account.keyId(), account.secret(), "account")));
    }

    @Test
    void anAppKeyReadsAndUpdatesItsOwnAppAndIsRefusedTheList() throws ApiException {
        AccountFixture account = createAccount("Java client, app key", null);
        ApiClient accountClient = client();
        accountClient.setUsername(account.keyId());
        accountClient.setPassword(account.secret());
        App own = new AppsApi(accountClient).createApp(new AppCreateBody().displayName("Own app")).getApp();
        App other = new AppsApi(accountClient).createApp(new AppCreateBody().displayName("Other app")).getApp();
        AppKey key = new AppKeysApi(accountClient).createAppKey(new AppKeyCreateBody().displayName("Customer key"),
                own.getId()).getKey();

        ApiClient appClient = client();
        appClient.setUsername(key.getId());
        appClient.setPassword(key.getSecret());
        AppsApi apps = new AppsApi(appClient);

        App read = apps.getApp(own.getId()).getApp();
        assertThat(read.getId()).isEqualTo(own.getId());
        assertThat(read.getDisplayName()).isEqualTo("Own app");

        App updated = apps.updateApp(new AppUpdateBody().displayName("Own app, renamed by its key")
                .settings(new AppSettings().echoPostback(true)).metadata(Map.of("owner", "customer")), own.getId())
                .getApp();
        assertThat(updated.getDisplayName()).isEqualTo("Own app, renamed by its key");
        assertThat(updated.getSettings().getEchoPostback()).isTrue();
        assertThat(updated.getMetadata()).isEqualTo(Map.of("owner", "customer"));
        assertThat(new AppsApi(accountClient).getApp(own.getId()).getApp().getDisplayName())
                .as("the account sees the app key's change").isEqualTo("Own app, renamed by its key");

        // The same over an app-scoped JWT signed with the app key.
        ApiClient appJwtClient = client();
        ((HttpBearerAuth) appJwtClient.getAuthentication("bearerAuth")).setBearerToken(jwt(key.getId(), key.getSecret(), "app"));
        assertThat(new AppsApi(appJwtClient).getApp(own.getId()).getApp().getDisplayName())
                .isEqualTo("Own app, renamed by its key");

        ApiException listRefused = catchThrowableOfType(ApiException.class, () -> apps.listApps(null, null));
        assertThat(listRefused).as("listApps with an app key").isNotNull();
        assertThat(listRefused.getCode()).isEqualTo(403);
        assertThat(listRefused.getResponseBody()).contains("\"forbidden\"");

        ApiException otherRefused = catchThrowableOfType(ApiException.class, () -> apps.getApp(other.getId()));
        assertThat(otherRefused).as("getApp of another app with an app key").isNotNull();
        assertThat(otherRefused.getCode()).isEqualTo(403);
    }

    /** The calls of one client configuration: {@code token} null means the client's own authentication. */
    private record Calls(AppsApi apps, AppKeysApi keys, String token) {
        App createApp(AppCreateBody body) throws ApiException {
            return (token == null ? apps.createApp(body) : apps.createApp(token, body)).getApp();
        }

        AppListResponse listApps(Page page, AppListFilter filter) throws ApiException {
            return token == null ? apps.listApps(page, filter) : apps.listApps(token, page, filter);
        }

        App getApp(String appId) throws ApiException {
            return (token == null ? apps.getApp(appId) : apps.getApp(token, appId)).getApp();
        }

        App updateApp(AppUpdateBody body, String appId) throws ApiException {
            return (token == null ? apps.updateApp(body, appId) : apps.updateApp(token, body, appId)).getApp();
        }

        Object deleteApp(String appId) throws ApiException {
            return token == null ? apps.deleteApp(appId) : apps.deleteApp(token, appId);
        }

        AppKey createAppKey(AppKeyCreateBody body, String appId) throws ApiException {
            return (token == null ? keys.createAppKey(body, appId) : keys.createAppKey(token, body, appId)).getKey();
        }

        List<AppKey> listAppKeys(String appId) throws ApiException {
            return (token == null ? keys.listAppKeys(appId) : keys.listAppKeys(token, appId)).getKeys();
        }

        AppKey getAppKey(String appId, String keyId) throws ApiException {
            return (token == null ? keys.getAppKey(appId, keyId) : keys.getAppKey(token, appId, keyId)).getKey();
        }

        Object deleteAppKey(String appId, String keyId) throws ApiException {
            return token == null ? keys.deleteAppKey(appId, keyId) : keys.deleteAppKey(token, appId, keyId);
        }
    }

    private void exerciseEveryMethod(AccountFixture account, Calls calls) throws ApiException {
        // createApp: settings and metadata round-trip, with the types the client gives them.
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("tier", "gold");
        metadata.put("seats", 5);
        metadata.put("trial", false);
        App created = calls.createApp(new AppCreateBody().displayName("Help desk")
                .settings(new AppSettings().conversationRetentionSeconds(3600).useAnimalNames(true))
                .metadata(metadata));
        assertThat(created.getId()).matches("[0-9a-f]{24}");
        assertThat(created.getDisplayName()).isEqualTo("Help desk");
        assertThat(created.getSettings().getConversationRetentionSeconds()).isEqualTo(3600);
        assertThat(created.getSettings().getUseAnimalNames()).isTrue();
        assertThat(created.getSettings().getMaskCreditCardNumbers()).as("default").isTrue();
        assertThat(created.getSettings().getMultiConvoEnabled()).isFalse();
        assertThat(created.getMetadata()).isEqualTo(metadata);

        App second = calls.createApp(new AppCreateBody().displayName("Second"));
        assertThat(second.getMetadata()).isNull();
        App third = calls.createApp(new AppCreateBody().displayName("Third"));
        List<String> ids = List.of(created.getId(), second.getId(), third.getId());
        assertThat(ids).isSorted();

        // getApp
        App read = calls.getApp(created.getId());
        assertThat(read).isEqualTo(created);

        // listApps: no parameters, then every page parameter the client has, then the filter.
        AppListResponse all = calls.listApps(null, null);
        assertThat(idsOf(all)).containsExactlyElementsOf(ids);
        assertThat(all.getApps().get(0)).isEqualTo(created);
        assertThat(all.getMeta().getHasMore()).isFalse();

        AppListResponse firstPage = calls.listApps(new Page().size(2), null);
        assertThat(idsOf(firstPage)).containsExactly(ids.get(0), ids.get(1));
        assertThat(firstPage.getMeta().getHasMore()).isTrue();
        assertThat(firstPage.getMeta().getAfterCursor()).isEqualTo(ids.get(1));
        assertThat(firstPage.getLinks().getNext()).contains("page[after]=" + ids.get(1));
        assertThat(firstPage.getLinks().getPrev()).isNull();

        AppListResponse secondPage = calls.listApps(new Page().after(ids.get(1)).size(2), null);
        assertThat(idsOf(secondPage)).containsExactly(ids.get(2));
        assertThat(secondPage.getMeta().getHasMore()).isFalse();
        assertThat(secondPage.getLinks().getNext()).isNull();
        assertThat(secondPage.getLinks().getPrev()).contains("page[before]=" + ids.get(2));

        AppListResponse before = calls.listApps(new Page().before(ids.get(2)), null);
        assertThat(idsOf(before)).containsExactly(ids.get(0), ids.get(1));

        String serviceAccountId = serviceAccountGrantedOneApp(account, ids.get(1));
        AppListResponse filtered = calls.listApps(null, new AppListFilter().serviceAccountId(serviceAccountId));
        assertThat(idsOf(filtered)).containsExactly(ids.get(1));
        AppListResponse filteredAndPaged = calls.listApps(new Page().size(1),
                new AppListFilter().serviceAccountId(serviceAccountId));
        assertThat(idsOf(filteredAndPaged)).containsExactly(ids.get(1));

        // updateApp: only what it names changes.
        App renamed = calls.updateApp(new AppUpdateBody().displayName("Help desk EU")
                .settings(new AppSettings().echoPostback(true).multiConvoEnabled(true)), created.getId());
        assertThat(renamed.getDisplayName()).isEqualTo("Help desk EU");
        assertThat(renamed.getSettings().getEchoPostback()).isTrue();
        assertThat(renamed.getSettings().getMultiConvoEnabled()).isTrue();
        assertThat(renamed.getSettings().getUseAnimalNames()).as("settings not named are kept").isTrue();
        assertThat(renamed.getSettings().getConversationRetentionSeconds()).isEqualTo(3600);
        assertThat(renamed.getMetadata()).as("metadata not named is kept").isEqualTo(metadata);

        App newMetadata = calls.updateApp(new AppUpdateBody().metadata(Map.of("tier", "platinum")), created.getId());
        assertThat(newMetadata.getMetadata()).isEqualTo(Map.of("tier", "platinum"));
        assertThat(newMetadata.getDisplayName()).isEqualTo("Help desk EU");

        App cleared = calls.updateApp(new AppUpdateBody().metadata(null), created.getId());
        assertThat(cleared.getMetadata()).as("metadata set to null").isNull();
        assertThat(calls.getApp(created.getId())).isEqualTo(cleared);

        // App keys: createAppKey, listAppKeys, getAppKey, deleteAppKey.
        AppKey firstKey = calls.createAppKey(new AppKeyCreateBody().displayName("Customer key"), created.getId());
        assertThat(firstKey.getId()).matches("app_[0-9a-f]{24}");
        assertThat(firstKey.getDisplayName()).isEqualTo("Customer key");
        assertThat(firstKey.getSecret()).isNotBlank();
        AppKey secondKey = calls.createAppKey(new AppKeyCreateBody().displayName("Spare key"), created.getId());

        assertThat(calls.listAppKeys(created.getId())).containsExactly(firstKey, secondKey);
        assertThat(calls.listAppKeys(second.getId())).isEmpty();
        assertThat(calls.getAppKey(created.getId(), firstKey.getId())).isEqualTo(firstKey);

        ApiClient keyClient = client();
        keyClient.setUsername(firstKey.getId());
        keyClient.setPassword(firstKey.getSecret());
        assertThat(new AppsApi(keyClient).getApp(created.getId()).getApp().getId())
                .as("the new app key authenticates").isEqualTo(created.getId());

        Object keyDeleted = calls.deleteAppKey(created.getId(), firstKey.getId());
        assertThat(keyDeleted).as("deleteAppKey answers an empty object").isEqualTo(Map.of());
        assertThat(calls.listAppKeys(created.getId())).containsExactly(secondKey);
        assertApiException(404, () -> calls.getAppKey(created.getId(), firstKey.getId()));
        ApiException revoked = assertApiException(401, () -> new AppsApi(keyClient).getApp(created.getId()));
        assertThat(revoked.getResponseBody()).contains("\"unauthorized\"");

        // deleteApp, and a 404 as the client's ApiException.
        Object appDeleted = calls.deleteApp(created.getId());
        assertThat(appDeleted).as("deleteApp answers an empty object").isEqualTo(Map.of());
        ApiException gone = assertApiException(404, () -> calls.getApp(created.getId()));
        assertThat(gone.getResponseBody()).contains("\"app_not_found\"");
        assertApiException(404, () -> calls.deleteApp(created.getId()));
        assertApiException(404, () -> calls.updateApp(new AppUpdateBody().displayName("Ghost"), created.getId()));
        assertApiException(404, () -> calls.listAppKeys(created.getId()));
        assertApiException(404, () -> calls.createAppKey(new AppKeyCreateBody().displayName("Late"), created.getId()));
        assertApiException(404, () -> calls.deleteAppKey(created.getId(), secondKey.getId()));
        assertThat(idsOf(calls.listApps(null, null))).containsExactly(ids.get(1), ids.get(2));
    }

    private static String serviceAccountGrantedOneApp(AccountFixture account, String appId) {
        Response created = api.post("/v2/serviceaccounts", account.basic(), "{\"displayName\":\"Deployment\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.at("/serviceAccount/id");
        Response granted = api.put("/v2/serviceaccounts/" + id + "/apps/" + appId, account.basic());
        assertThat(granted.status()).as(granted.toString()).isEqualTo(200);
        return id;
    }

    @FunctionalInterface
    private interface ClientCall {
        void call() throws Exception;
    }

    private static ApiException assertApiException(int code, ClientCall call) {
        ApiException thrown = catchThrowableOfType(ApiException.class, call::call);
        assertThat(thrown).as("expected an ApiException with code %d", code).isNotNull();
        assertThat(thrown.getCode()).as(thrown.getResponseBody()).isEqualTo(code);
        return thrown;
    }

    private static List<String> idsOf(AppListResponse list) {
        List<String> ids = new ArrayList<>();
        list.getApps().forEach(app -> ids.add(app.getId()));
        return ids;
    }

    /** A client as the upstream README configures one, pointed at this server: only the base path changes. */
    private ApiClient client() {
        ApiClient client = new ApiClient().setBasePath(api.baseUrl());
        clients.add(client);
        return client;
    }

    @AfterEach
    void closeClients() {
        clients.forEach(client -> client.getHttpClient().close());
        clients.clear();
    }

    /** The JWT the upstream docs describe: HS256, typ JWT, kid = the key id, signed with its secret. */
    private static String jwt(String keyId, String secret, String scope) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT)
                    .keyID(keyId).build(), new JWTClaimsSet.Builder().claim("scope", scope).build());
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new AssertionError(e);
        }
    }
}
