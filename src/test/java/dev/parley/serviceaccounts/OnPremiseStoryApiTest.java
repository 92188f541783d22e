package dev.parley.serviceaccounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ApiTest;
import dev.parley.testing.Auth;
import dev.parley.testing.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The on-premise story end to end: one account, two service accounts (say, two regional deployments) that each
 * provision their own apps and never see each other's; the account key sees and splits everything; deleting one
 * service account shuts its key out and leaves its apps with the account.
 */
class OnPremiseStoryApiTest extends ApiTest {

    @Test
    void twoServiceAccountsShareAnAccountWithoutSeeingEachOther() {
        AccountFixture account = createAccount("On-premise customer", null);
        Auth act = account.basic();

        String eu = createServiceAccount(act, "Deployment EU");
        String us = createServiceAccount(act, "Deployment US");
        KeyFixture euKey = createServiceAccountKey(act, eu, "eu deployer");
        KeyFixture usKey = createServiceAccountKey(act, us, "us deployer");
        List<Auth> euAuths = List.of(euKey.basic(), euKey.jwt("account"));
        List<Auth> usAuths = List.of(usKey.basic(), usKey.jwt("account"));

        // Each creates apps with its own key, over Basic and over JWT.
        List<String> euApps = List.of(createApp(euKey.basic(), "EU web"), createApp(euKey.jwt("account"), "EU mobile"));
        List<String> usApps = List.of(createApp(usKey.jwt("account"), "US web"), createApp(usKey.basic(), "US mobile"));
        KeyFixture euAppKey = createAppKey(euKey.basic(), euApps.get(0), "eu web key");
        KeyFixture usAppKey = createAppKey(usKey.basic(), usApps.get(0), "us web key");

        // Neither reaches the other's apps: every app route answers 404 app_not_found, and nothing changes.
        assertCannotTouch(euAuths, usApps, usAppKey.id());
        assertCannotTouch(usAuths, euApps, euAppKey.id());
        for (List<String> apps : List.of(euApps, usApps)) {
            for (String app : apps) {
                Response read = api.get("/v2/apps/" + app, act);
                assertThat(read.status()).isEqualTo(200);
                assertThat(read.at("/app/displayName")).as("not renamed by the other service account")
                        .doesNotContain("Hijacked");
            }
        }
        assertThat(idsOf(api.get("/v2/apps/" + usApps.get(0) + "/keys", act).json().path("keys")))
                .as("no key minted or deleted by the other service account").containsExactly(usAppKey.id());
        assertThat(idsOf(api.get("/v2/apps/" + euApps.get(0) + "/keys", act).json().path("keys")))
                .containsExactly(euAppKey.id());
        assertThat(api.get("/v2/apps/" + usApps.get(1) + "/keys", act).json().path("keys")).isEmpty();

        // Each lists only its own apps, and may filter by itself but not by the other.
        for (Auth auth : euAuths) {
            assertThat(idsOf(api.get("/v2/apps", auth).json().path("apps"))).containsExactlyElementsOf(euApps);
            assertThat(idsOf(api.get("/v2/apps?filter[serviceAccountId]=" + eu, auth).json().path("apps")))
                    .containsExactlyElementsOf(euApps);
            assertForbidden(api.get("/v2/apps?filter[serviceAccountId]=" + us, auth));
        }
        for (Auth auth : usAuths) {
            assertThat(idsOf(api.get("/v2/apps", auth).json().path("apps"))).containsExactlyElementsOf(usApps);
            assertThat(idsOf(api.get("/v2/apps?filter[serviceAccountId]=" + us, auth).json().path("apps")))
                    .containsExactlyElementsOf(usApps);
            assertForbidden(api.get("/v2/apps?filter[serviceAccountId]=" + eu, auth));
        }

        // Neither sees any service account, the other's or its own.
        assertCannotSeeServiceAccounts(euAuths, List.of(us, eu), usApps.get(0), usKey.id());
        assertCannotSeeServiceAccounts(usAuths, List.of(eu, us), euApps.get(0), euKey.id());

        // The account key sees everything, and the filter splits it by service account.
        for (Auth auth : List.of(act, account.jwt())) {
            Response all = api.get("/v2/apps", auth);
            assertThat(idsOf(all.json().path("apps")))
                    .containsExactly(euApps.get(0), euApps.get(1), usApps.get(0), usApps.get(1));
            assertThat(idsOf(api.get("/v2/apps?filter[serviceAccountId]=" + eu, auth).json().path("apps")))
                    .containsExactlyElementsOf(euApps);
            assertThat(idsOf(api.get("/v2/apps?filter[serviceAccountId]=" + us, auth).json().path("apps")))
                    .containsExactlyElementsOf(usApps);
            assertThat(idsOf(api.get("/v2/serviceaccounts", auth).json().path("serviceAccounts")))
                    .containsExactly(eu, us);
            assertThat(idsOf(api.get("/v2/serviceaccounts/" + eu + "/apps", auth).json().path("apps")))
                    .containsExactlyElementsOf(euApps);
            assertThat(idsOf(api.get("/v2/serviceaccounts/" + us + "/apps", auth).json().path("apps")))
                    .containsExactlyElementsOf(usApps);
        }

        // Deleting the EU service account shuts its key out at once and leaves its apps with the account.
        Response deleted = api.delete("/v2/serviceaccounts/" + eu, act);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        for (Auth gone : euAuths) {
            Response refused = api.get("/v2/apps", gone);
            assertThat(refused.status()).as("the deleted service account's key: " + refused).isEqualTo(401);
            assertThat(refused.errorCode()).isEqualTo("unauthorized");
            assertThat(api.get("/v2/apps/" + euApps.get(0), gone).status()).isEqualTo(401);
            assertThat(api.post("/v2/apps", gone, "{\"displayName\":\"Too late\"}").status()).isEqualTo(401);
        }
        for (String app : euApps) {
            Response read = api.get("/v2/apps/" + app, act);
            assertThat(read.status()).as("the account key still reads " + app).isEqualTo(200);
            assertThat(read.at("/app/id")).isEqualTo(app);
        }
        assertThat(api.patch("/v2/apps/" + euApps.get(1), act, "{\"displayName\":\"EU mobile (adopted)\"}").status())
                .isEqualTo(200);
        assertThat(api.get("/v2/apps/" + euApps.get(0), euAppKey.basic()).status())
                .as("the app's own key still works").isEqualTo(200);
        assertThat(idsOf(api.get("/v2/apps", act).json().path("apps")))
                .containsExactly(euApps.get(0), euApps.get(1), usApps.get(0), usApps.get(1));
        assertThat(api.get("/v2/apps?filter[serviceAccountId]=" + eu, act).status())
                .as("the deleted service account is unknown").isEqualTo(404);
        assertThat(api.get("/v2/serviceaccounts/" + eu, act).status()).isEqualTo(404);
        assertThat(idsOf(api.get("/v2/serviceaccounts", act).json().path("serviceAccounts"))).containsExactly(us);

        // The US service account is untouched and still cannot reach the EU apps.
        for (Auth auth : usAuths) {
            assertThat(idsOf(api.get("/v2/apps", auth).json().path("apps"))).containsExactlyElementsOf(usApps);
            assertThat(api.get("/v2/apps/" + euApps.get(0), auth).errorCode()).isEqualTo("app_not_found");
        }
        assertThat(api.get("/admin/accounts/" + account.id(), server.operator()).json().at("/account/appCount").asInt())
                .isEqualTo(4);
    }

    /** Every app route on each of the apps, with each of the credentials, is 404 app_not_found. */
    private static void assertCannotTouch(List<Auth> auths, List<String> apps, String keyOfFirstApp) {
        for (Auth auth : auths) {
            for (String app : apps) {
                String keyId = keyOfFirstApp;
                for (Response response : List.of(
                        api.get("/v2/apps/" + app, auth),
                        api.patch("/v2/apps/" + app, auth, "{\"displayName\":\"Hijacked\"}"),
                        api.delete("/v2/apps/" + app, auth),
                        api.get("/v2/apps/" + app + "/keys", auth),
                        api.post("/v2/apps/" + app + "/keys", auth, "{\"displayName\":\"Stolen\"}"),
                        api.get("/v2/apps/" + app + "/keys/" + keyId, auth),
                        api.delete("/v2/apps/" + app + "/keys/" + keyId, auth))) {
                    assertThat(response.status()).as(app + ": " + response).isEqualTo(404);
                    assertThat(response.errorCode()).as(app + ": " + response).isEqualTo("app_not_found");
                }
            }
        }
    }

    /** Nothing under /v2/serviceaccounts answers anything but 403 to a service-account key. */
    private static void assertCannotSeeServiceAccounts(List<Auth> auths, List<String> serviceAccounts, String app,
                                                       String someKeyId) {
        for (Auth auth : auths) {
            assertForbidden(api.get("/v2/serviceaccounts", auth));
            assertForbidden(api.post("/v2/serviceaccounts", auth, "{\"displayName\":\"Third\"}"));
            for (String sa : serviceAccounts) {
                String one = "/v2/serviceaccounts/" + sa;
                assertForbidden(api.get(one, auth));
                assertForbidden(api.patch(one, auth, "{\"displayName\":\"Renamed\"}"));
                assertForbidden(api.get(one + "/keys", auth));
                assertForbidden(api.post(one + "/keys", auth, "{\"displayName\":\"k\"}"));
                assertForbidden(api.get(one + "/keys/" + someKeyId, auth));
                assertForbidden(api.get(one + "/apps", auth));
                assertForbidden(api.put(one + "/apps/" + app, auth));
                assertForbidden(api.delete(one + "/apps/" + app, auth));
                assertForbidden(api.delete(one + "/keys/" + someKeyId, auth));
                assertForbidden(api.delete(one, auth));
            }
        }
    }

    private static void assertForbidden(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(403);
        assertThat(response.errorCode()).as(response.toString()).isEqualTo("forbidden");
    }
}
