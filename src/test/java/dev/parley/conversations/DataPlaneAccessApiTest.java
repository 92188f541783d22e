package dev.parley.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ApiTest;
import dev.parley.testing.Auth;
import dev.parley.testing.DataPlane;
import dev.parley.testing.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who may reach an app's users, conversations and participants: every key that reaches the app, for every
 * request. An app the key does not reach answers 404 {@code app_not_found}, as another account's does; an app
 * key on another app of its own account gets 404 {@code app_not_found}, as for another account's app: the data
 * plane shows an app key nothing of the apps beside its own.
 */
class DataPlaneAccessApiTest extends ApiTest {
    private AccountFixture account;
    private String granted;
    private String notGranted;
    private KeyFixture serviceAccountKey;
    private KeyFixture appKey;

    @BeforeEach
    void callers() {
        account = createAccount("Data plane access", null);
        granted = createApp(account.basic(), "Granted");
        notGranted = createApp(account.basic(), "Not granted");
        String serviceAccount = createServiceAccount(account.basic(), "Reaches one app");
        serviceAccountKey = createServiceAccountKey(account.basic(), serviceAccount, "svc");
        assertThat(api.put("/v2/serviceaccounts/" + serviceAccount + "/apps/" + granted, account.basic()).status())
                .isEqualTo(200);
        appKey = createAppKey(account.basic(), granted, "app");
    }

    @Test
    void anAccountKeyReachesEveryApp() {
        assertEveryRequestSucceeds(account.basic(), granted);
        assertEveryRequestSucceeds(account.jwt(), notGranted);
    }

    @Test
    void aServiceAccountKeyReachesTheAppsGrantedToIt() {
        assertEveryRequestSucceeds(serviceAccountKey.basic(), granted);
        assertEveryRequestIsAppNotFound(serviceAccountKey.basic(), notGranted);
    }

    @Test
    void anAppKeyReachesItsOwnApp() {
        assertEveryRequestSucceeds(appKey.basic(), granted);
        assertEveryRequestSucceeds(appKey.jwt("app"), granted);
        assertEveryRequestIsRefused(appKey.basic(), notGranted, 404, "app_not_found");
    }

    @Test
    void anotherAccountsKeyFindsNoApp() {
        AccountFixture other = createAccount("Elsewhere", null);
        assertEveryRequestIsAppNotFound(other.basic(), granted);
    }

    /** Every route of users, clients, devices, conversations and participants, in an order that works. */
    private static void assertEveryRequestSucceeds(Auth caller, String appId) {
        DataPlane app = new DataPlane(api, appId, caller);
        String user = app.createUser(null);
        String other = app.createUser(null);
        String group = app.createConversation("sdkGroup", user);
        Map<String, Response> answers = requests(app, user, other, app.createConversation("personal", user), group);
        answers.forEach((request, answer) ->
                assertThat(answer.status()).as("%s: %s", request, answer).isBetween(200, 201));
    }

    private void assertEveryRequestIsAppNotFound(Auth caller, String appId) {
        assertEveryRequestIsRefused(caller, appId, 404, "app_not_found");
    }

    private void assertEveryRequestIsRefused(Auth caller, String appId, int status, String code) {
        DataPlane owner = new DataPlane(api, appId, account.basic());
        String user = owner.createUser(null);
        String other = owner.createUser(null);
        String group = owner.createConversation("sdkGroup", user);
        String personal = owner.createConversation("personal", user);
        requests(new DataPlane(api, appId, caller), user, other, personal, group).forEach((request, answer) ->
                assertError(answer, status, code, request));
        assertThat(owner.get("/users/" + user).status()).as("refused requests change nothing").isEqualTo(200);
        assertThat(owner.get("/conversations/" + group + "/participants").json().path("participants")).hasSize(1);
    }

    private static Map<String, Response> requests(DataPlane app, String user, String other, String personal,
                                                  String group) {
        Map<String, Response> answers = new LinkedHashMap<>();
        answers.put("create user", app.post("/users", "{}"));
        answers.put("get user", app.get("/users/" + user));
        answers.put("update user", api.patch(app.path("/users/" + user), app.auth(), "{\"toBeRetained\":true}"));
        answers.put("delete personal information", api.delete(app.path("/users/" + user + "/personalinformation"),
                app.auth()));
        answers.put("list clients", app.get("/users/" + user + "/clients"));
        answers.put("list devices", app.get("/users/" + user + "/devices"));
        answers.put("create conversation", app.post("/conversations", "{\"type\":\"sdkGroup\"}"));
        answers.put("list conversations", app.get("/conversations?filter[userId]=" + user));
        answers.put("get conversation", app.get("/conversations/" + personal));
        answers.put("update conversation", api.patch(app.path("/conversations/" + personal), app.auth(),
                "{\"displayName\":\"Renamed\"}"));
        answers.put("join", app.post("/conversations/" + group + "/join", "{\"userId\":\"" + other + "\"}"));
        answers.put("list participants", app.get("/conversations/" + group + "/participants"));
        answers.put("leave", app.post("/conversations/" + group + "/leave", "{\"userId\":\"" + other + "\"}"));
        answers.put("delete conversation", api.delete(app.path("/conversations/" + group), app.auth()));
        answers.put("delete user", api.delete(app.path("/users/" + other), app.auth()));
        answers.put("read events", app.get("/events"));
        return answers;
    }
}
