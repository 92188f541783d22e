package dev.parley.fuzz;

import dev.parley.auth.KeyKind;
import static dev.parley.fuzz.Gen.w;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ApiTest;
import dev.parley.testing.Auth;
import dev.parley.testing.DataPlane;
import dev.parley.testing.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of operations by random credentials of three tenants on random targets (their own records,
 * other tenants', other apps' of the same account, deleted ones and ids that never existed), checked step by step
 * against a small model of what exists and who may see what (README, "Who may do what"):
 *
 * <ul>
 *   <li>an account key does everything inside its account;</li>
 *   <li>a service-account key creates apps and reaches the apps it created or was granted (others: 404), and never
 *       touches service accounts (403);</li>
 *   <li>an app key reads and updates its own app (another app of the account: 403) and does nothing else (403);</li>
 *   <li>an integration key reaches its app's data and its own integration's webhooks; its app's configuration
 *       (the app, its keys and integrations) is 403 to it, another integration's webhooks too, any other app 404;</li>
 *   <li>an app's integrations and webhooks: account keys anywhere in the account, service-account keys in the apps
 *       they reach, app keys in their own app only (any other app: 404);</li>
 *   <li>inside an app (users, conversations, participants, messages, activity, the event log) every key that
 *       reaches the app may do everything; any other app, of the account or not, answers 404 {@code app_not_found}
 *       with the very body an app that never existed answers;</li>
 *   <li>nothing of another account exists for anyone (404); a deleted key is no credential (401).</li>
 * </ul>
 *
 * After every step the status and body must be the model's, no answer may carry another tenant's ids or secrets, no
 * answer about an app may carry the ids of another app or of its data, and the stored apps, service accounts, keys,
 * grants, integrations and plan counters of all three tenants, and the users, conversations, participants, messages and event
 * types of each of their apps, must equal the model.
 */
class TenantIsolationModelTest extends ApiTest {
    private static final int SEQUENCES = 40;
    private static final int MAX_STEPS = 36;

    /** How many steps expected which status, by caller kind: printed, so it shows what the sequences covered. */
    private final Map<String, Integer> outcomes = new TreeMap<>();

    @Test
    void everyStepOfEveryTenantMatchesTheModel() {
        Gen.forEachTry("tenant isolation on " + database, SEQUENCES,
                (gen, n) -> new Sequence(gen, n).run(gen.between(1, MAX_STEPS)));
        System.out.println("tenant isolation on " + database + ", steps by caller and status: " + outcomes);
    }

    // ---------------------------------------------------------------------------------------------------------
    // The model

    enum KeyKind { ACCOUNT, SERVICE_ACCOUNT, APP, INTEGRATION }

    record Integration(String id, App app, String label) {
    }

    static final class Tenant {
        final String label;
        final String accountId;
        final Integer maxApps;
        int appsMade;
        int serviceAccountsMade;

        Tenant(String label, String accountId, Integer maxApps) {
            this.label = label;
            this.accountId = accountId;
            this.maxApps = maxApps;
        }
    }

    static final class App {
        final String id;
        final Tenant tenant;
        final String label;
        String name;
        final Set<String> reachedBy = new TreeSet<>();
        final AppDataModel data;

        App(String id, Tenant tenant, String label, String name) {
            this.id = id;
            this.tenant = tenant;
            this.label = label;
            this.name = name;
            this.data = new AppDataModel(label);
        }
    }

    static final class ServiceAccount {
        final String id;
        final Tenant tenant;
        final String label;
        String name;

        ServiceAccount(String id, Tenant tenant, String label, String name) {
            this.id = id;
            this.tenant = tenant;
            this.label = label;
            this.name = name;
        }
    }

    record Key(String id, String secret, KeyKind kind, Tenant tenant, String appId, String serviceAccountId,
               String integrationId, String label) {
        Auth basic() {
            return Auth.basic(id, secret);
        }

        Auth jwt() {
            return Auth.jwt(id, secret, scope());
        }

        String scope() {
            return switch (kind) {
                case ACCOUNT, SERVICE_ACCOUNT -> "account";
                case APP -> "app";
                case INTEGRATION -> "integration";
            };
        }
    }

    /** What exists, for the tenants of one sequence. */
    static final class World {
        final List<Tenant> tenants = new ArrayList<>();
        final Map<String, App> apps = new LinkedHashMap<>();
        final Map<String, ServiceAccount> serviceAccounts = new LinkedHashMap<>();
        final Map<String, Integration> integrations = new LinkedHashMap<>();
        final Map<String, Key> keys = new LinkedHashMap<>();
        final List<Key> deadKeys = new ArrayList<>();
        final List<String> deadIds = new ArrayList<>();
        final List<App> deletedApps = new ArrayList<>();
        /** Deleted users, conversations and messages of every app: id to label. */
        final Map<String, String> deadUsers = new LinkedHashMap<>();
        final Map<String, String> deadConversations = new LinkedHashMap<>();
        final Map<String, String> deadMessages = new LinkedHashMap<>();
        int keysMade;

        List<App> appsOf(Tenant tenant) {
            return apps.values().stream().filter(app -> app.tenant == tenant).toList();
        }

        List<ServiceAccount> serviceAccountsOf(Tenant tenant) {
            return serviceAccounts.values().stream().filter(s -> s.tenant == tenant).toList();
        }

        /** The app's own keys (not its integrations'). */
        List<Key> keysOfApp(String appId) {
            return keys.values().stream().filter(key -> key.kind() == KeyKind.APP && appId.equals(key.appId()))
                    .toList();
        }

        List<Integration> integrationsOf(App app) {
            return integrations.values().stream().filter(integration -> integration.app() == app).toList();
        }

        void deleteIntegration(Integration integration) {
            integrations.remove(integration.id());
            deadIds.add(integration.id());
            keys.values().stream().filter(key -> integration.id().equals(key.integrationId())).toList()
                    .forEach(this::killKey);
        }

        List<Key> keysOfServiceAccount(String serviceAccountId) {
            return keys.values().stream().filter(key -> serviceAccountId.equals(key.serviceAccountId())).toList();
        }

        /** The apps a caller sees in the list of apps: all of its account's, or those its service account reaches. */
        List<App> visibleApps(Key caller) {
            return appsOf(caller.tenant()).stream().filter(app -> caller.kind() == KeyKind.ACCOUNT
                    || app.reachedBy.contains(caller.serviceAccountId())).toList();
        }

        void deleteApp(App app) {
            apps.remove(app.id);
            deadIds.add(app.id);
            deletedApps.add(app);
            keys.values().stream().filter(key -> app.id.equals(key.appId())).toList().forEach(this::killKey);
            integrationsOf(app).forEach(integration -> integrations.remove(integration.id()));
            app.data.users.values().forEach(user -> deadUsers.put(user.id, user.label));
            app.data.conversations.values().forEach(this::killConversation);
        }

        void killConversation(AppDataModel.Conversation conversation) {
            deadConversations.put(conversation.id, conversation.label);
            conversation.messages.forEach(this::killMessage);
        }

        void killMessage(String messageId) {
            deadMessages.put(messageId, "deleted message");
        }

        /** Every app of the sequence, deleted ones too. */
        List<App> everyApp() {
            List<App> every = new ArrayList<>(apps.values());
            every.addAll(deletedApps);
            return every;
        }

        void deleteServiceAccount(ServiceAccount serviceAccount) {
            serviceAccounts.remove(serviceAccount.id);
            deadIds.add(serviceAccount.id);
            keysOfServiceAccount(serviceAccount.id).forEach(this::killKey);
            apps.values().forEach(app -> app.reachedBy.remove(serviceAccount.id));
        }

        void killKey(Key key) {
            keys.remove(key.id());
            deadKeys.add(key);
        }
    }

    /**
     * The status the model expects, and the error code when the model knows it exactly (what a success must carry
     * is checked by the operation).
     */
    record Expected(int status, String code) {
        static final Expected UNAUTHORIZED = new Expected(401);
        static final Expected FORBIDDEN = new Expected(403);
        static final Expected NOT_FOUND = new Expected(404);
        static final Expected OK = new Expected(200);
        static final Expected CREATED = new Expected(201);
        static final Expected APP_NOT_FOUND = new Expected(404, "app_not_found");
        static final Expected USER_NOT_FOUND = new Expected(404, "user_not_found");
        static final Expected CONVERSATION_NOT_FOUND = new Expected(404, "conversation_not_found");
        static final Expected BAD_REQUEST = new Expected(400, "bad_request");
        static final Expected CONFLICT = new Expected(409, "conflict");

        Expected(int status) {
            this(status, null);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // One sequence: three fresh tenants, then random steps

    private final class Sequence {
        private final Gen gen;
        private final int number;
        private final World world = new World();
        private final List<String> log = new ArrayList<>();
        private Connection db;
        /** What a request inside an app that does not exist answers: any app the caller does not reach, too. */
        private JsonNode appNotFound;

        Sequence(Gen gen, int number) {
            this.gen = gen;
            this.number = number;
        }

        void run(int steps) throws Exception {
            try (Connection connection = server.connect()) {
                db = connection;
                setUp();
                for (int step = 1; step <= steps; step++) {
                    step(step);
                }
            }
        }

        private void setUp() throws Exception {
            for (int t = 1; t <= 3; t++) {
                Integer maxApps = t == 2 ? 3 : null;
                AccountFixture account = createAccount("Tenant " + t + " of sequence " + number, maxApps);
                Tenant tenant = new Tenant("t" + t, account.id(), maxApps);
                world.tenants.add(tenant);
                Key accountKey = new Key(account.keyId(), account.secret(), KeyKind.ACCOUNT, tenant, null, null,
                        null, tenant.label + ".act");
                world.keys.put(accountKey.id(), accountKey);
                App app = addApp(tenant, null, ApiTest.createApp(accountKey.basic(), "First app"), "First app");
                ServiceAccount serviceAccount = addServiceAccount(tenant,
                        ApiTest.createServiceAccount(accountKey.basic(), "First service account"),
                        "First service account");
                JsonNode key = api.post("/v2/serviceaccounts/" + serviceAccount.id + "/keys", accountKey.basic(),
                        "{\"displayName\":\"k\"}").json().path("key");
                addKey(key, KeyKind.SERVICE_ACCOUNT, tenant, null, serviceAccount);
                JsonNode appKey = api.post("/v2/apps/" + app.id + "/keys", accountKey.basic(),
                        "{\"displayName\":\"k\"}").json().path("key");
                addKey(appKey, KeyKind.APP, tenant, app, null);
                for (int i = 1; i <= 2; i++) {
                    addIntegrationWithKey(accountKey, app, i);
                }
                App second = addApp(tenant, null, ApiTest.createApp(accountKey.basic(), "Second app"), "Second app");
                api.put("/v2/serviceaccounts/" + serviceAccount.id + "/apps/" + second.id, accountKey.basic());
                second.reachedBy.add(serviceAccount.id);
                String user = addUserInConversation(accountKey, app, AppDataModel.SDK_GROUP);
                addUserInConversation(accountKey, second, AppDataModel.PERSONAL);
                if (appNotFound == null) {
                    appNotFound = api.get("/v2/apps/" + gen.hex(24) + "/users/" + user, accountKey.basic()).json();
                }
            }
            log.add("set up: " + describeWorld());
            checkStoredDataMatchesTheModel();
        }

        /** A custom integration of the app, with its webhook and a key of its own. */
        private void addIntegrationWithKey(Key accountKey, App app, int number) {
            String integrationId = api.post("/v2/apps/" + app.id + "/integrations", accountKey.basic(),
                    "{\"type\":\"custom\",\"webhooks\":[{\"target\":\"http://127.0.0.1:9/hook\","
                            + "\"triggers\":[\"conversation:message\"]}]}").at("/integration/id");
            Integration integration = new Integration(integrationId, app, app.label + ".int" + number);
            world.integrations.put(integrationId, integration);
            JsonNode key = api.post("/v2/apps/" + app.id + "/integrations/" + integrationId + "/keys",
                    accountKey.basic(), "{\"displayName\":\"k\"}").json().path("key");
            world.keys.put(key.path("id").asText(), new Key(key.path("id").asText(), key.path("secret").asText(),
                    KeyKind.INTEGRATION, app.tenant, app.id, null, integrationId,
                    integration.label() + ".key" + (++world.keysMade)));
        }

        /** A user with an external id, in a new conversation of that type; answers the user's id. */
        private String addUserInConversation(Key accountKey, App app, String type) {
            DataPlane data = new DataPlane(api, app.id, accountKey.basic());
            String externalId = externalId();
            String user = data.createUser(externalId);
            app.data.addUser(user, externalId, null);
            app.data.addConversation(data.createConversation(type, user), type, List.of(user), null);
            return user;
        }

        private void step(int step) throws Exception {
            Key caller = gen.chance(0.92) || world.deadKeys.isEmpty() ? liveKey() : gen.oneOf(world.deadKeys);
            boolean jwt = gen.chance(0.4);
            Auth auth = jwt ? caller.jwt() : caller.basic();
            Tenant tenant = caller.tenant();
            boolean alive = world.keys.containsKey(caller.id());
            Operation operation = gen.chance(0.65) ? dataPlaneOperation(caller) : provisioningOperation(caller, tenant);
            Expected expected = alive ? operation.expected() : Expected.UNAUTHORIZED;
            Response response = api.send(operation.method(), operation.path(), auth,
                    operation.body() == null ? null : "application/json", operation.body(), Map.of());
            String line = String.format("%2d. %s (%s) %s %s%s -> expected %d, got %d", step, caller.label(),
                    jwt ? "jwt" : "basic", operation.method(), operation.label(),
                    operation.body() == null ? "" : " " + operation.body(), expected.status(), response.status());
            log.add(line);
            outcomes.merge((alive ? caller.kind().toString() : "DELETED KEY") + " "
                    + (operation.appId() == null ? "" : "data ") + expected.status()
                    + (expected.code() == null ? "" : " " + expected.code()), 1, Integer::sum);
            if (response.status() != expected.status()) {
                fail("the status differs from the model's", response);
            }
            checkErrorCode(expected, response);
            checkNothingForeignIn(caller, operation, response);
            if (alive && expected.status() < 300) {
                operation.onSuccess().accept(response);
            }
            checkStoredDataMatchesTheModel();
        }

        private Operation provisioningOperation(Key caller, Tenant tenant) {
            return gen.weighted(
                    w(10, () -> createApp(caller, tenant)),
                    w(9, () -> readApp(caller, false)),
                    w(8, () -> updateApp(caller)),
                    w(5, () -> deleteApp(caller)),
                    w(8, () -> listApps(caller, false)),
                    w(6, () -> createAppKey(caller)),
                    w(4, () -> listAppKeys(caller, false)),
                    w(4, () -> readAppKey(caller, false)),
                    w(2, () -> readAppKey(caller, true)),
                    w(4, () -> deleteAppKey(caller)),
                    w(5, () -> createServiceAccount(caller)),
                    w(4, () -> readServiceAccount(caller, false)),
                    w(3, () -> updateServiceAccount(caller)),
                    w(3, () -> deleteServiceAccount(caller)),
                    w(4, () -> createServiceAccountKey(caller)),
                    w(3, () -> listServiceAccountKeys(caller, gen.chance(0.3))),
                    w(3, () -> readServiceAccountKey(caller, gen.chance(0.3))),
                    w(3, () -> deleteServiceAccountKey(caller)),
                    w(3, () -> listServiceAccounts(caller, false)),
                    w(6, () -> grant(caller)),
                    w(4, () -> revoke(caller)),
                    w(4, () -> listAppsOfServiceAccount(caller)),
                    w(3, () -> readApp(caller, true)),
                    w(3, () -> listApps(caller, true)),
                    w(2, () -> listAppKeys(caller, true)),
                    w(2, () -> readServiceAccount(caller, true)),
                    w(2, () -> listServiceAccounts(caller, true)),
                    w(5, () -> listIntegrations(caller)),
                    w(6, () -> listWebhooks(caller)),
                    w(2, () -> deleteIntegration(caller)));
        }

        /** A live key, each kind about as often as the others however many keys of a kind there are. */
        private Key liveKey() {
            KeyKind kind = gen.oneOf(KeyKind.values());
            List<Key> ofKind = world.keys.values().stream().filter(key -> key.kind() == kind).toList();
            return ofKind.isEmpty() ? gen.oneOf(List.copyOf(world.keys.values())) : gen.oneOf(ofKind);
        }

        // ---- operations: each names its request, the answer the model expects, and what a success means

        private Operation createApp(Key caller, Tenant tenant) {
            String name = name();
            Expected expected = caller.kind() == KeyKind.APP || caller.kind() == KeyKind.INTEGRATION
                    ? Expected.FORBIDDEN : tenant.maxApps != null && world.appsOf(tenant).size() >= tenant.maxApps ? new Expected(402)
                    : Expected.CREATED;
            boolean v1 = gen.chance(0.2);
            return new Operation("POST", v1 ? "/v1.1/apps" : "/v2/apps", v1 ? "/v1.1/apps" : "/v2/apps",
                    "{\"" + (v1 ? "name" : "displayName") + "\":" + quote(name) + "}", expected, response -> {
                JsonNode app = response.json().path("app");
                App made = addApp(tenant, caller.kind() == KeyKind.SERVICE_ACCOUNT ? caller.serviceAccountId() : null,
                        app.path(v1 ? "_id" : "id").asText(), name);
                expectEqual(app.path(v1 ? "name" : "displayName").asText(), name, "the new app's name", response);
                log.add("    made " + made.label);
            });
        }

        private Operation readApp(Key caller, boolean v1) {
            Target target = appTarget(caller);
            App app = world.apps.get(target.id());
            Expected expected = appAccess(caller, app, Use.READ);
            String prefix = v1 ? "/v1.1/apps/" : "/v2/apps/";
            return new Operation("GET", prefix + target.id(), prefix + "{" + target.label() + "}", null, expected,
                    response -> checkApp(response.json().path("app"), app, v1, response));
        }

        private Operation updateApp(Key caller) {
            Target target = appTarget(caller);
            App app = world.apps.get(target.id());
            String name = name();
            boolean v1 = gen.chance(0.25);
            Expected expected = appAccess(caller, app, Use.UPDATE);
            String prefix = v1 ? "/v1.1/apps/" : "/v2/apps/";
            return new Operation(v1 ? "PUT" : "PATCH", prefix + target.id(), prefix + "{" + target.label() + "}",
                    "{\"" + (v1 ? "name" : "displayName") + "\":" + quote(name) + "}", expected, response -> {
                app.name = name;
                checkApp(response.json().path("app"), app, v1, response);
            });
        }

        private Operation deleteApp(Key caller) {
            Target target = appTarget(caller);
            App app = world.apps.get(target.id());
            Expected expected = appAccess(caller, app, Use.DELETE);
            return new Operation("DELETE", "/v2/apps/" + target.id(), "/v2/apps/{" + target.label() + "}", null,
                    expected, response -> world.deleteApp(app));
        }

        private Operation listApps(Key caller, boolean v1) {
            Target filter = gen.chance(0.4) ? serviceAccountTarget(caller) : null;
            Expected expected;
            List<App> visible;
            if (caller.kind() == KeyKind.APP || caller.kind() == KeyKind.INTEGRATION) {
                expected = Expected.FORBIDDEN;
                visible = List.of();
            } else if (filter == null) {
                expected = Expected.OK;
                visible = world.visibleApps(caller);
            } else if (caller.kind() == KeyKind.SERVICE_ACCOUNT) {
                expected = filter.id().equals(caller.serviceAccountId()) ? Expected.OK : Expected.FORBIDDEN;
                visible = world.visibleApps(caller);
            } else {
                ServiceAccount named = world.serviceAccounts.get(filter.id());
                expected = named != null && named.tenant == caller.tenant() ? Expected.OK : Expected.NOT_FOUND;
                visible = named == null ? List.of()
                        : world.appsOf(caller.tenant()).stream().filter(app -> app.reachedBy.contains(named.id)).toList();
            }
            String query = v1 ? "?limit=100" + (filter == null ? "" : "&serviceAccountId=" + filter.id())
                    : "?page[size]=100" + (filter == null ? "" : "&filter[serviceAccountId]=" + filter.id());
            String label = (v1 ? "/v1.1/apps" : "/v2/apps") + (filter == null ? "" : " filtered by {" + filter.label() + "}");
            return new Operation("GET", (v1 ? "/v1.1/apps" : "/v2/apps") + query, label, null, expected,
                    response -> expectIds(response.json().path("apps"), v1 ? "_id" : "id", ids(visible),
                            "the apps listed", response));
        }

        private Operation createAppKey(Key caller) {
            Target target = appTarget(caller);
            App app = world.apps.get(target.id());
            Expected expected = appAccess(caller, app, Use.MANAGE_KEYS);
            if (expected.status() == 200) {
                expected = world.keysOfApp(app.id).size() >= 10 ? new Expected(400) : Expected.CREATED;
            }
            boolean v1 = gen.chance(0.2);
            String prefix = v1 ? "/v1.1/apps/" : "/v2/apps/";
            return new Operation("POST", prefix + target.id() + "/keys", prefix + "{" + target.label() + "}/keys",
                    "{\"" + (v1 ? "name" : "displayName") + "\":\"key\"}", expected, response -> {
                JsonNode key = response.json().path("key");
                Key made = addKey(key, KeyKind.APP, app.tenant, app, null);
                expectEqual(made.id().startsWith("app_"), true, "an app key's prefix", response);
                log.add("    made " + made.label());
            });
        }

        private Operation listAppKeys(Key caller, boolean v1) {
            Target target = appTarget(caller);
            App app = world.apps.get(target.id());
            Expected expected = appAccess(caller, app, Use.MANAGE_KEYS);
            String prefix = v1 ? "/v1.1/apps/" : "/v2/apps/";
            return new Operation("GET", prefix + target.id() + "/keys", prefix + "{" + target.label() + "}/keys", null,
                    expected, response -> expectIds(response.json().path("keys"), v1 ? "_id" : "id",
                    world.keysOfApp(app.id).stream().map(Key::id).toList(), "the app's keys", response));
        }

        /** One app key, in v2, or in v1.1 as the JWT it signs. */
        private Operation readAppKey(Key caller, boolean jwtV1) {
            Target target = appTarget(caller);
            App app = world.apps.get(target.id());
            Target keyTarget = keyTarget(app == null ? List.of() : world.keysOfApp(app.id));
            Expected expected = appAccess(caller, app, Use.MANAGE_KEYS);
            Key key = world.keys.get(keyTarget.id());
            if (expected.status() == 200 && (key == null || !world.keysOfApp(app.id).contains(key))) {
                expected = Expected.NOT_FOUND;
            }
            String path = (jwtV1 ? "/v1.1/apps/" : "/v2/apps/") + target.id() + "/keys/" + keyTarget.id()
                    + (jwtV1 ? "/jwt" : "");
            String label = (jwtV1 ? "/v1.1/apps/{" : "/v2/apps/{") + target.label() + "}/keys/{" + keyTarget.label()
                    + "}" + (jwtV1 ? "/jwt" : "");
            return new Operation("GET", path, label, null, expected, response -> checkKey(response, key, jwtV1));
        }

        private Operation listServiceAccountKeys(Key caller, boolean v1) {
            Target target = serviceAccountTarget(caller);
            ServiceAccount serviceAccount = world.serviceAccounts.get(target.id());
            Expected expected = serviceAccountAccess(caller, serviceAccount);
            String prefix = v1 ? "/v1.1/serviceaccounts/" : "/v2/serviceaccounts/";
            return new Operation("GET", prefix + target.id() + "/keys", prefix + "{" + target.label() + "}/keys",
                    null, expected, response -> expectIds(response.json().path("keys"), v1 ? "_id" : "id",
                    world.keysOfServiceAccount(serviceAccount.id).stream().map(Key::id).toList(),
                    "the service account's keys", response));
        }

        /** One service-account key, in v2, or in v1.1 as the JWT it signs. */
        private Operation readServiceAccountKey(Key caller, boolean jwtV1) {
            Target target = serviceAccountTarget(caller);
            ServiceAccount serviceAccount = world.serviceAccounts.get(target.id());
            Target keyTarget = keyTarget(serviceAccount == null ? List.of()
                    : world.keysOfServiceAccount(serviceAccount.id));
            Expected expected = serviceAccountAccess(caller, serviceAccount);
            Key key = world.keys.get(keyTarget.id());
            if (expected.status() == 200 && (key == null || !serviceAccount.id.equals(key.serviceAccountId()))) {
                expected = Expected.NOT_FOUND;
            }
            String path = (jwtV1 ? "/v1.1/serviceaccounts/" : "/v2/serviceaccounts/") + target.id() + "/keys/"
                    + keyTarget.id() + (jwtV1 ? "/jwt" : "");
            String label = (jwtV1 ? "/v1.1/serviceaccounts/{" : "/v2/serviceaccounts/{") + target.label()
                    + "}/keys/{" + keyTarget.label() + "}" + (jwtV1 ? "/jwt" : "");
            return new Operation("GET", path, label, null, expected, response -> checkKey(response, key, jwtV1));
        }

        private Operation deleteServiceAccountKey(Key caller) {
            Target target = serviceAccountTarget(caller);
            ServiceAccount serviceAccount = world.serviceAccounts.get(target.id());
            Target keyTarget = keyTarget(serviceAccount == null ? List.of()
                    : world.keysOfServiceAccount(serviceAccount.id));
            Expected expected = serviceAccountAccess(caller, serviceAccount);
            Key key = world.keys.get(keyTarget.id());
            if (expected.status() == 200 && (key == null || !serviceAccount.id.equals(key.serviceAccountId()))) {
                expected = Expected.NOT_FOUND;
            }
            return new Operation("DELETE", "/v2/serviceaccounts/" + target.id() + "/keys/" + keyTarget.id(),
                    "/v2/serviceaccounts/{" + target.label() + "}/keys/{" + keyTarget.label() + "}", null, expected,
                    response -> world.killKey(key));
        }

        /** A key as read: its id and secret, or the JWT it signs (its id as kid, its kind's scope). */
        private void checkKey(Response response, Key key, boolean jwt) {
            if (!jwt) {
                expectEqual(response.at("/key/id"), key.id(), "the key's id", response);
                expectEqual(response.at("/key/secret"), key.secret(), "the key's secret", response);
                return;
            }
            String[] parts = response.at("/jwt").split("\\.");
            java.util.Base64.Decoder base64 = java.util.Base64.getUrlDecoder();
            String header = new String(base64.decode(parts[0]), java.nio.charset.StandardCharsets.UTF_8);
            String payload = new String(base64.decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8);
            expectEqual(header.contains("\"kid\":\"" + key.id() + "\""), true, "the JWT's kid " + header, response);
            expectEqual(payload.contains("\"scope\":\"" + key.scope() + "\""),
                    true, "the JWT's scope " + payload, response);
        }

        private Operation deleteAppKey(Key caller) {
            Target target = appTarget(caller);
            App app = world.apps.get(target.id());
            Target keyTarget = keyTarget(app == null ? List.of() : world.keysOfApp(app.id));
            Expected expected = appAccess(caller, app, Use.MANAGE_KEYS);
            Key key = world.keys.get(keyTarget.id());
            if (expected.status() == 200 && (key == null || !world.keysOfApp(app.id).contains(key))) {
                expected = Expected.NOT_FOUND;
            }
            return new Operation("DELETE", "/v2/apps/" + target.id() + "/keys/" + keyTarget.id(),
                    "/v2/apps/{" + target.label() + "}/keys/{" + keyTarget.label() + "}", null, expected,
                    response -> world.killKey(key));
        }

        private Operation createServiceAccount(Key caller) {
            String name = name();
            Expected expected = caller.kind() == KeyKind.ACCOUNT ? Expected.CREATED : Expected.FORBIDDEN;
            return new Operation("POST", "/v2/serviceaccounts", "/v2/serviceaccounts",
                    "{\"displayName\":" + quote(name) + "}", expected, response -> {
                ServiceAccount made = addServiceAccount(caller.tenant(), response.at("/serviceAccount/id"), name);
                expectEqual(response.at("/serviceAccount/displayName"), name, "the new service account's name",
                        response);
                log.add("    made " + made.label);
            });
        }

        private Operation readServiceAccount(Key caller, boolean v1) {
            Target target = serviceAccountTarget(caller);
            ServiceAccount serviceAccount = world.serviceAccounts.get(target.id());
            Expected expected = serviceAccountAccess(caller, serviceAccount);
            String prefix = v1 ? "/v1.1/serviceaccounts/" : "/v2/serviceaccounts/";
            return new Operation("GET", prefix + target.id(), prefix + "{" + target.label() + "}", null, expected,
                    response -> {
                        JsonNode read = response.json().path("serviceAccount");
                        expectEqual(read.path(v1 ? "_id" : "id").asText(), serviceAccount.id, "the id", response);
                        expectEqual(read.path(v1 ? "name" : "displayName").asText(), serviceAccount.name, "the name",
                                response);
                    });
        }

        private Operation updateServiceAccount(Key caller) {
            Target target = serviceAccountTarget(caller);
            ServiceAccount serviceAccount = world.serviceAccounts.get(target.id());
            Expected expected = serviceAccountAccess(caller, serviceAccount);
            String name = name();
            return new Operation("PATCH", "/v2/serviceaccounts/" + target.id(),
                    "/v2/serviceaccounts/{" + target.label() + "}", "{\"displayName\":" + quote(name) + "}", expected,
                    response -> {
                        serviceAccount.name = name;
                        expectEqual(response.at("/serviceAccount/displayName"), name, "the new name", response);
                    });
        }

        private Operation deleteServiceAccount(Key caller) {
            Target target = serviceAccountTarget(caller);
            ServiceAccount serviceAccount = world.serviceAccounts.get(target.id());
            Expected expected = serviceAccountAccess(caller, serviceAccount);
            return new Operation("DELETE", "/v2/serviceaccounts/" + target.id(),
                    "/v2/serviceaccounts/{" + target.label() + "}", null, expected,
                    response -> world.deleteServiceAccount(serviceAccount));
        }

        private Operation createServiceAccountKey(Key caller) {
            Target target = serviceAccountTarget(caller);
            ServiceAccount serviceAccount = world.serviceAccounts.get(target.id());
            Expected expected = serviceAccountAccess(caller, serviceAccount);
            if (expected.status() == 200) {
                expected = world.keysOfServiceAccount(serviceAccount.id).size() >= 10 ? new Expected(400)
                        : Expected.CREATED;
            }
            return new Operation("POST", "/v2/serviceaccounts/" + target.id() + "/keys",
                    "/v2/serviceaccounts/{" + target.label() + "}/keys", "{\"displayName\":\"key\"}", expected,
                    response -> {
                        Key made = addKey(response.json().path("key"), KeyKind.SERVICE_ACCOUNT, serviceAccount.tenant,
                                null, serviceAccount);
                        log.add("    made " + made.label());
                    });
        }

        private Operation listServiceAccounts(Key caller, boolean v1) {
            Expected expected = caller.kind() == KeyKind.ACCOUNT ? Expected.OK : Expected.FORBIDDEN;
            List<String> visible = ids(world.serviceAccountsOf(caller.tenant()));
            String path = v1 ? "/v1.1/serviceaccounts?limit=100" : "/v2/serviceaccounts?page[size]=100";
            return new Operation("GET", path, path, null, expected, response -> expectIds(
                    response.json().path("serviceAccounts"), v1 ? "_id" : "id", visible, "the service accounts listed",
                    response));
        }

        private Operation grant(Key caller) {
            Target target = serviceAccountTarget(caller);
            ServiceAccount serviceAccount = world.serviceAccounts.get(target.id());
            Target appTarget = appTarget(caller);
            App app = world.apps.get(appTarget.id());
            Expected expected = serviceAccountAccess(caller, serviceAccount);
            if (expected.status() == 200 && (app == null || app.tenant != caller.tenant())) {
                expected = Expected.NOT_FOUND;
            }
            return new Operation("PUT", "/v2/serviceaccounts/" + target.id() + "/apps/" + appTarget.id(),
                    "/v2/serviceaccounts/{" + target.label() + "}/apps/{" + appTarget.label() + "}", null, expected,
                    response -> app.reachedBy.add(serviceAccount.id));
        }

        private Operation revoke(Key caller) {
            Target target = serviceAccountTarget(caller);
            ServiceAccount serviceAccount = world.serviceAccounts.get(target.id());
            Target appTarget = appTarget(caller);
            App app = world.apps.get(appTarget.id());
            Expected expected = serviceAccountAccess(caller, serviceAccount);
            if (expected.status() == 200 && (app == null || app.tenant != caller.tenant()
                    || !app.reachedBy.contains(serviceAccount.id))) {
                expected = Expected.NOT_FOUND;
            }
            return new Operation("DELETE", "/v2/serviceaccounts/" + target.id() + "/apps/" + appTarget.id(),
                    "/v2/serviceaccounts/{" + target.label() + "}/apps/{" + appTarget.label() + "}", null, expected,
                    response -> app.reachedBy.remove(serviceAccount.id));
        }

        private Operation listAppsOfServiceAccount(Key caller) {
            Target target = serviceAccountTarget(caller);
            ServiceAccount serviceAccount = world.serviceAccounts.get(target.id());
            Expected expected = serviceAccountAccess(caller, serviceAccount);
            return new Operation("GET", "/v2/serviceaccounts/" + target.id() + "/apps?page[size]=100",
                    "/v2/serviceaccounts/{" + target.label() + "}/apps", null, expected,
                    response -> expectIds(response.json().path("apps"), "id", ids(world.appsOf(serviceAccount.tenant)
                            .stream().filter(app -> app.reachedBy.contains(serviceAccount.id)).toList()),
                            "the apps the service account reaches", response));
        }

        // ---- the data plane: an app's users, conversations, participants, messages, activity and event log

        /** The app a data-plane request names, and what the caller is answered when it does not reach it. */
        record Place(Target target, App app, Expected access) {
            boolean reached() {
                return access.status() == 200;
            }

            /** The named app's data, or an empty model when no app has that id. */
            AppDataModel data() {
                return app == null ? new AppDataModel("none") : app.data;
            }
        }

        private Operation dataPlaneOperation(Key caller) {
            Target target = dataAppTarget(caller);
            App app = world.apps.get(target.id());
            Place place = new Place(target, app, dataAccess(caller, app));
            return gen.weighted(
                    w(9, () -> createUser(place)),
                    w(5, () -> readUser(place)),
                    w(4, () -> updateUser(place)),
                    w(3, () -> deleteUser(place)),
                    w(9, () -> createConversation(place)),
                    w(4, () -> readConversation(place)),
                    w(4, () -> listConversations(place)),
                    w(3, () -> updateConversation(place)),
                    w(3, () -> deleteConversation(place)),
                    w(6, () -> join(place)),
                    w(4, () -> leave(place)),
                    w(3, () -> listParticipants(place)),
                    w(9, () -> postMessage(place)),
                    w(4, () -> listMessages(place)),
                    w(3, () -> deleteMessage(place)),
                    w(1, () -> deleteAllMessages(place)),
                    w(3, () -> postActivity(place)),
                    w(5, () -> listEvents(place)));
        }

        /**
         * A data-plane operation on the place: the caller's refusal when it does not reach the app, else the
         * answer the app's model gives.
         */
        private Operation inApp(Place place, String method, String rest, String restLabel, String body,
                                Supplier<Expected> rule, OnSuccess onSuccess) {
            Expected expected = place.reached() ? rule.get() : place.access();
            return new Operation(method, "/v2/apps/" + place.target().id() + rest,
                    "/v2/apps/{" + place.target().label() + "}" + restLabel, body, expected, onSuccess,
                    place.target().id());
        }

        /** A data-plane operation on one conversation of the place's app (or on what a target names as one). */
        private Operation inConversation(Place place, Target conversation, String method, String rest,
                                         String restLabel, String body, Supplier<Expected> rule,
                                         OnSuccess onSuccess) {
            return inApp(place, method, "/conversations/" + conversation.id() + rest,
                    "/conversations/{" + conversation.label() + "}" + restLabel, body, rule, onSuccess);
        }

        private Operation createUser(Place place) {
            AppDataModel data = place.data();
            List<String> ownExternalIds = data.users.values().stream().map(user -> user.externalId)
                    .filter(Objects::nonNull).toList();
            List<String> otherExternalIds = world.everyApp().stream().filter(app -> app != place.app())
                    .flatMap(app -> app.data.users.values().stream()).map(user -> user.externalId)
                    .filter(Objects::nonNull).toList();
            String externalId = gen.weighted(
                    w(70, this::externalId),
                    w(ownExternalIds.isEmpty() ? 0 : 12, () -> gen.oneOf(ownExternalIds)),
                    w(otherExternalIds.isEmpty() ? 0 : 10, () -> gen.oneOf(otherExternalIds)),
                    w(8, () -> null));
            String givenName = gen.chance(0.7) ? givenName() : null;
            List<String> fields = new ArrayList<>();
            if (externalId != null) {
                fields.add("\"externalId\":" + quote(externalId));
            }
            if (givenName != null) {
                fields.add("\"profile\":{\"givenName\":" + quote(givenName) + "}");
            }
            return inApp(place, "POST", "/users", "/users", "{" + String.join(",", fields) + "}",
                    () -> externalId != null && data.userByExternalId(externalId).isPresent() ? Expected.CONFLICT
                            : Expected.CREATED,
                    response -> {
                        String id = response.at("/user/id");
                        expectEqual(id.matches("[0-9a-f]{24}"), true, "a new user's id", response);
                        AppDataModel.User made = data.addUser(id, externalId, givenName);
                        checkUser(response.json().path("user"), made, response);
                        log.add("    made " + made.label);
                    });
        }

        private Operation readUser(Place place) {
            Target user = userTarget(place, gen.chance(0.4));
            return inApp(place, "GET", "/users/" + user.id(), "/users/{" + user.label() + "}", null,
                    () -> place.data().user(user.id()).isPresent() ? Expected.OK : Expected.USER_NOT_FOUND,
                    response -> checkUser(response.json().path("user"), place.data().user(user.id()).orElseThrow(),
                            response));
        }

        private Operation updateUser(Place place) {
            Target user = userTarget(place, gen.chance(0.4));
            String givenName = givenName();
            boolean changesExternalId = gen.chance(0.1);
            String body = changesExternalId ? "{\"externalId\":" + quote(externalId()) + "}"
                    : "{\"profile\":{\"givenName\":" + quote(givenName) + "}}";
            return inApp(place, "PATCH", "/users/" + user.id(), "/users/{" + user.label() + "}", body,
                    () -> place.data().user(user.id()).isEmpty() ? Expected.USER_NOT_FOUND
                            : changesExternalId ? Expected.BAD_REQUEST : Expected.OK,
                    response -> {
                        AppDataModel.User updated = place.data().user(user.id()).orElseThrow();
                        updated.givenName = givenName;
                        checkUser(response.json().path("user"), updated, response);
                    });
        }

        private Operation deleteUser(Place place) {
            Target user = userTarget(place, gen.chance(0.4));
            return inApp(place, "DELETE", "/users/" + user.id(), "/users/{" + user.label() + "}", null,
                    () -> place.data().user(user.id()).isPresent() ? Expected.OK : Expected.USER_NOT_FOUND,
                    response -> {
                        expectEmpty(response);
                        AppDataModel.User deleted = place.data().user(user.id()).orElseThrow();
                        world.deadUsers.put(deleted.id, deleted.label);
                        place.data().deleteUser(deleted).forEach(world::killConversation);
                    });
        }

        private Operation createConversation(Place place) {
            AppDataModel data = place.data();
            boolean personal = gen.chance(0.4);
            Map<String, UserRef> members = new LinkedHashMap<>();
            for (int i = personal ? 1 : gen.between(0, 3); i > 0; i--) {
                UserRef ref = userRef(place, 80);
                members.putIfAbsent(ref.value(), ref);
            }
            String displayName = gen.chance(0.4) ? givenName() : null;
            String body = "{\"type\":\"" + (personal ? AppDataModel.PERSONAL : AppDataModel.SDK_GROUP)
                    + "\",\"participants\":[" + members.values().stream().map(UserRef::json)
                    .collect(Collectors.joining(",")) + "]" + (displayName == null ? ""
                    : ",\"displayName\":" + quote(displayName)) + "}";
            String label = "/conversations (" + (personal ? "personal" : "sdkGroup") + " of "
                    + members.values().stream().map(UserRef::label).toList() + ")";
            return inApp(place, "POST", "/conversations", label, body, () -> {
                List<Optional<AppDataModel.User>> found = members.values().stream().map(ref -> ref.in(data))
                        .toList();
                if (found.stream().anyMatch(Optional::isEmpty)) {
                    return Expected.USER_NOT_FOUND;
                }
                boolean distinct = found.stream().map(user -> user.get().id).distinct().count() == found.size();
                if (!distinct) {
                    return Expected.BAD_REQUEST;
                }
                return personal && data.hasPersonal(found.get(0).get().id) ? Expected.CONFLICT : Expected.CREATED;
            }, response -> {
                String id = response.at("/conversation/id");
                expectEqual(id.matches("[0-9a-f]{24}"), true, "a new conversation's id", response);
                AppDataModel.Conversation made = data.addConversation(id,
                        personal ? AppDataModel.PERSONAL : AppDataModel.SDK_GROUP, members.values().stream()
                                .map(ref -> ref.in(data).orElseThrow().id).toList(), displayName);
                checkConversation(response.json().path("conversation"), made, response);
                log.add("    made " + made.label);
            });
        }

        private Operation readConversation(Place place) {
            Target conversation = conversationTarget(place);
            return inConversation(place, conversation, "GET", "", "", null,
                    () -> exists(place, conversation) ? Expected.OK : Expected.CONVERSATION_NOT_FOUND,
                    response -> checkConversation(response.json().path("conversation"),
                            place.data().conversations.get(conversation.id()), response));
        }

        private Operation listConversations(Place place) {
            UserRef user = userRef(place, 70);
            String filter = user.field().equals("userId") ? "filter[userId]" : "filter[userExternalId]";
            return inApp(place, "GET", "/conversations?page[size]=100&" + filter + "=" + user.value(),
                    "/conversations?" + filter + "={" + user.label() + "}", null,
                    () -> user.in(place.data()).isPresent() ? Expected.OK : Expected.USER_NOT_FOUND,
                    response -> expectIds(response.json().path("conversations"), "id", place.data()
                                    .conversationsOf(user.in(place.data()).orElseThrow().id).stream().map(c -> c.id).toList(),
                            "the user's conversations", response));
        }

        private Operation updateConversation(Place place) {
            Target conversation = conversationTarget(place);
            String displayName = gen.chance(0.8) ? givenName() : null;
            return inConversation(place, conversation, "PATCH", "", "",
                    "{\"displayName\":" + (displayName == null ? "null" : quote(displayName)) + "}",
                    () -> exists(place, conversation) ? Expected.OK : Expected.CONVERSATION_NOT_FOUND,
                    response -> {
                        AppDataModel.Conversation updated = place.data().conversations.get(conversation.id());
                        updated.displayName = displayName;
                        checkConversation(response.json().path("conversation"), updated, response);
                    });
        }

        private Operation deleteConversation(Place place) {
            Target conversation = conversationTarget(place);
            return inConversation(place, conversation, "DELETE", "", "", null, () -> {
                        AppDataModel.Conversation found = place.data().conversations.get(conversation.id());
                        return found == null ? Expected.CONVERSATION_NOT_FOUND
                                : found.defaultFor != null ? Expected.BAD_REQUEST : Expected.OK;
                    }, response -> {
                        expectEmpty(response);
                        AppDataModel.Conversation deleted = place.data().conversations.get(conversation.id());
                        world.killConversation(deleted);
                        place.data().deleteConversation(deleted);
                    });
        }

        private Operation join(Place place) {
            Target conversation = conversationTarget(place);
            UserRef user = userRef(place, 75);
            return inConversation(place, conversation, "POST", "/join", "/join by " + user.label(), user.json(),
                    () -> {
                        Optional<AppDataModel.User> joining = user.in(place.data());
                        AppDataModel.Conversation found = place.data().conversations.get(conversation.id());
                        if (joining.isEmpty()) {
                            return Expected.USER_NOT_FOUND;
                        }
                        if (found == null) {
                            return Expected.CONVERSATION_NOT_FOUND;
                        }
                        if (!found.type.equals(AppDataModel.SDK_GROUP)) {
                            return Expected.BAD_REQUEST;
                        }
                        if (found.participants.contains(joining.get().id)) {
                            return Expected.CONFLICT;
                        }
                        return found.participants.size() >= AppDataModel.MAX_PARTICIPANTS ? Expected.BAD_REQUEST
                                : Expected.CREATED;
                    }, response -> {
                        AppDataModel.User joining = user.in(place.data()).orElseThrow();
                        expectEqual(response.at("/participant/userId"), joining.id, "the participant's user",
                                response);
                        place.data().join(place.data().conversations.get(conversation.id()), joining.id,
                                response.at("/participant/id"));
                    });
        }

        private Operation leave(Place place) {
            Target conversation = conversationTarget(place);
            AppDataModel.Conversation named = place.data().conversations.get(conversation.id());
            UserRef user = participantOrOther(place, named);
            return inConversation(place, conversation, "POST", "/leave", "/leave by " + user.label(),
                    user.json(), () -> {
                        if (named == null) {
                            return Expected.CONVERSATION_NOT_FOUND;
                        }
                        if (!named.type.equals(AppDataModel.SDK_GROUP)) {
                            return Expected.BAD_REQUEST;
                        }
                        Optional<AppDataModel.User> leaving = user.in(place.data());
                        return leaving.isPresent() && named.participants.contains(leaving.get().id) ? Expected.OK
                                : new Expected(404, "not_found");
                    }, response -> {
                        expectEmpty(response);
                        place.data().leave(named, user.in(place.data()).orElseThrow().id);
                    });
        }

        private Operation listParticipants(Place place) {
            Target conversation = conversationTarget(place);
            return inConversation(place, conversation, "GET", "/participants?page[size]=100", "/participants", null,
                    () -> exists(place, conversation) ? Expected.OK : Expected.CONVERSATION_NOT_FOUND,
                    response -> {
                        List<String> listed = new ArrayList<>();
                        response.json().path("participants").forEach(p -> listed.add(p.path("userId").asText()));
                        expectEqual(listed, place.data().conversations.get(conversation.id()).participants,
                                "the participants' users, in the order they joined", response);
                    });
        }

        private Operation postMessage(Place place) {
            Target conversation = conversationTarget(place);
            AppDataModel.Conversation named = place.data().conversations.get(conversation.id());
            UserRef author = gen.chance(0.45) ? null : participantOrOther(place, named);
            String authorJson = author == null ? "{\"type\":\"business\"}"
                    : "{\"type\":\"user\",\"" + author.field() + "\":" + quote(author.value()) + "}";
            String body = "{\"author\":" + authorJson + ",\"content\":{\"type\":\"text\",\"text\":"
                    + quote("Text " + gen.alphanumeric(1, 30)) + "}}";
            return inConversation(place, conversation, "POST", "/messages", "/messages by "
                            + (author == null ? "the business" : author.label()), body,
                    () -> named == null ? Expected.CONVERSATION_NOT_FOUND
                            : author != null && !participates(place, named, author) ? Expected.BAD_REQUEST
                            : Expected.CREATED,
                    response -> {
                        String id = response.at("/messages/0/id");
                        expectEqual(id.matches("[0-9a-f]{24}"), true, "a new message's id", response);
                        expectEqual(response.at("/messages/0/author/userId"),
                                author == null ? null : author.in(place.data()).orElseThrow().id,
                                "the message's author", response);
                        log.add("    made " + place.data().addMessage(named, id));
                    });
        }

        private Operation listMessages(Place place) {
            Target conversation = conversationTarget(place);
            return inConversation(place, conversation, "GET", "/messages", "/messages", null,
                    () -> exists(place, conversation) ? Expected.OK : new Expected(404, "not_found"),
                    response -> {
                        List<String> messages = place.data().conversations.get(conversation.id()).messages;
                        expectIds(response.json().path("messages"), "id",
                                messages.subList(Math.max(0, messages.size() - 100), messages.size()),
                                "the newest messages", response);
                    });
        }

        private Operation deleteMessage(Place place) {
            Target conversation = conversationTarget(place);
            AppDataModel.Conversation named = place.data().conversations.get(conversation.id());
            Target message = messageTarget(place, named);
            return inConversation(place, conversation, "DELETE", "/messages/" + message.id(),
                    "/messages/{" + message.label() + "}", null,
                    () -> named == null ? Expected.CONVERSATION_NOT_FOUND
                            : named.messages.contains(message.id()) ? Expected.OK
                            : new Expected(404, "message_not_found"),
                    response -> {
                        expectEmpty(response);
                        place.data().deleteMessage(named, message.id());
                        world.killMessage(message.id());
                    });
        }

        private Operation deleteAllMessages(Place place) {
            Target conversation = conversationTarget(place);
            return inConversation(place, conversation, "DELETE", "/messages", "/messages", null,
                    () -> exists(place, conversation) ? Expected.OK : Expected.CONVERSATION_NOT_FOUND,
                    response -> {
                        expectEmpty(response);
                        place.data().deleteAllMessages(place.data().conversations.get(conversation.id()))
                                .forEach(world::killMessage);
                    });
        }

        private Operation postActivity(Place place) {
            Target conversation = conversationTarget(place);
            AppDataModel.Conversation named = place.data().conversations.get(conversation.id());
            UserRef reader = gen.chance(0.5) ? null : participantOrOther(place, named);
            String type = reader != null ? "conversation:read"
                    : gen.oneOf("typing:start", "typing:stop", "conversation:read");
            String author = reader == null ? "{\"type\":\"business\"}"
                    : "{\"type\":\"user\",\"" + reader.field() + "\":" + quote(reader.value()) + "}";
            return inConversation(place, conversation, "POST", "/activity", "/activity " + type + " by "
                            + (reader == null ? "the business" : reader.label()),
                    "{\"author\":" + author + ",\"type\":\"" + type + "\"}",
                    () -> named == null ? Expected.CONVERSATION_NOT_FOUND
                            : reader != null && !participates(place, named, reader) ? Expected.BAD_REQUEST
                            : Expected.OK,
                    response -> {
                        expectEmpty(response);
                        place.data().activity(type.equals("conversation:read"));
                    });
        }

        /**
         * The app's event log: the model's types in order (of one type, filtered), the very events stored for the
         * app and no other, each about the app's own users, conversations and messages.
         */
        private Operation listEvents(Place place) {
            String type = gen.chance(0.3) ? gen.oneOf("conversation:create", "conversation:message", "user:remove",
                    "conversation:join", "conversation:typing") : null;
            String query = "?page[size]=100" + (type == null ? "" : "&filter[type]=" + type);
            return inApp(place, "GET", "/events" + query, "/events" + query, null, () -> Expected.OK, response -> {
                List<String> expected = place.data().events.stream().filter(t -> type == null || t.equals(type))
                        .limit(100).toList();
                List<String> listedTypes = new ArrayList<>();
                List<String> listedIds = new ArrayList<>();
                for (JsonNode event : response.json().path("events")) {
                    listedTypes.add(event.path("type").asText());
                    listedIds.add(event.path("id").asText());
                    for (String pointer : List.of("/payload/conversation/id", "/payload/user/id",
                            "/payload/message/id")) {
                        JsonNode id = event.at(pointer);
                        if (!id.isMissingNode() && !place.data().everyId.contains(id.asText())) {
                            fail("an event of " + place.app().label + " names " + id.asText() + " at " + pointer
                                    + ", which is none of the app's", response);
                        }
                    }
                }
                expectEqual(listedTypes, expected, "the types of the app's events, oldest first", response);
                try {
                    expectEqual(listedIds, storedEventIds(place.app().id, type), "the app's stored events",
                            response);
                } catch (SQLException e) {
                    throw new AssertionError(e);
                }
            });
        }

        private List<String> storedEventIds(String appId, String type) throws SQLException {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement statement = db.prepareStatement("SELECT id FROM events WHERE app_id = ?"
                    + (type == null ? "" : " AND type = ?") + " ORDER BY id")) {
                statement.setString(1, appId);
                if (type != null) {
                    statement.setString(2, type);
                }
                statement.setMaxRows(100);
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        ids.add(result.getString(1));
                    }
                }
            }
            return ids;
        }

        // ---- data-plane rules and targets

        /** Inside an app: every key that reaches the app may do everything; any other app does not exist. */
        private Expected dataAccess(Key caller, App app) {
            if (app == null || app.tenant != caller.tenant()) {
                return Expected.APP_NOT_FOUND;
            }
            boolean reaches = switch (caller.kind()) {
                case ACCOUNT -> true;
                case SERVICE_ACCOUNT -> app.reachedBy.contains(caller.serviceAccountId());
                case APP, INTEGRATION -> app.id.equals(caller.appId());
            };
            return reaches ? Expected.OK : Expected.APP_NOT_FOUND;
        }

        /** Mostly an app the caller reaches; then others of its account, other accounts', deleted and made-up ones. */
        private Target dataAppTarget(Key caller) {
            List<Target> reached = world.apps.values().stream()
                    .filter(app -> dataAccess(caller, app).status() == 200).map(app -> new Target(app.id, app.label))
                    .toList();
            List<Target> ownAccount = world.appsOf(caller.tenant()).stream()
                    .filter(app -> dataAccess(caller, app).status() != 200).map(app -> new Target(app.id, app.label))
                    .toList();
            List<Target> otherAccounts = world.apps.values().stream().filter(app -> app.tenant != caller.tenant())
                    .map(app -> new Target(app.id, app.label)).toList();
            return gen.weighted(
                    w(reached.isEmpty() ? 0 : 62, () -> gen.oneOf(reached)),
                    w(ownAccount.isEmpty() ? 0 : 14, () -> gen.oneOf(ownAccount)),
                    w(otherAccounts.isEmpty() ? 0 : 12, () -> gen.oneOf(otherAccounts)),
                    w(world.deletedApps.isEmpty() ? 0 : 5, () -> {
                        App deleted = gen.oneOf(world.deletedApps);
                        return new Target(deleted.id, deleted.label + " (deleted)");
                    }),
                    w(5, () -> new Target(gen.hex(24), "random app id")),
                    w(2, () -> new Target(gen.oneOf("nothex", "0", "app_" + gen.hex(24),
                            gen.hex(24).toUpperCase(Locale.ROOT)), "malformed app id")));
        }

        /** A record of the place's app, of another app, a deleted one or a made-up id. */
        private Target dataTarget(List<Target> own, List<Target> elsewhere, Map<String, String> dead,
                                  Supplier<Target> madeUp) {
            List<Map.Entry<String, String>> gone = List.copyOf(dead.entrySet());
            return gen.weighted(
                    w(own.isEmpty() ? 0 : 70, () -> gen.oneOf(own)),
                    w(elsewhere.isEmpty() ? 0 : 14, () -> gen.oneOf(elsewhere)),
                    w(gone.isEmpty() ? 0 : 10, () -> {
                        Map.Entry<String, String> deleted = gen.oneOf(gone);
                        return new Target(deleted.getKey(), deleted.getValue() + " (deleted)");
                    }),
                    w(8, madeUp));
        }

        /** A user as a path names it: by id, or by external id when it has one and {@code byExternalId}. */
        private Target userTarget(Place place, boolean byExternalId) {
            Function<AppDataModel.User, Target> named = user -> byExternalId
                    && user.externalId != null ? new Target(user.externalId, user.label + " by external id")
                    : new Target(user.id, user.label);
            return dataTarget(place.data().users.values().stream().map(named).toList(),
                    world.everyApp().stream().filter(app -> app != place.app())
                            .flatMap(app -> app.data.users.values().stream()).map(named).toList(),
                    world.deadUsers, () -> gen.chance(0.5) ? new Target(gen.hex(24), "random id")
                            : new Target(externalId(), "unknown external id"));
        }

        private Target conversationTarget(Place place) {
            Function<AppDataModel.Conversation, Target> named = c -> new Target(c.id, c.label);
            return dataTarget(place.data().conversations.values().stream().map(named).toList(),
                    world.everyApp().stream().filter(app -> app != place.app())
                            .flatMap(app -> app.data.conversations.values().stream()).map(named).toList(),
                    world.deadConversations, () -> new Target(gen.hex(24), "random id"));
        }

        /** Mostly a message of the conversation; else of the app's other conversations, of other apps, or none. */
        private Target messageTarget(Place place, AppDataModel.Conversation conversation) {
            List<Target> own = conversation == null ? List.of() : conversation.messages.stream()
                    .map(id -> new Target(id, place.data().messageLabels.get(id))).toList();
            List<Target> elsewhere = world.everyApp().stream().flatMap(app -> app.data.conversations.values()
                            .stream().filter(c -> c != conversation).flatMap(c -> c.messages.stream()
                                    .map(id -> new Target(id, app.data.messageLabels.get(id)))))
                    .toList();
            return dataTarget(own, elsewhere, world.deadMessages, () -> new Target(gen.hex(24), "random id"));
        }

        /** A user as a request body names it: {@code userId} or {@code userExternalId}. */
        record UserRef(String field, String value, String label) {
            String json() {
                return "{\"" + field + "\":" + quote(value) + "}";
            }

            /** The user of the app this names, found as the server finds it. */
            Optional<AppDataModel.User> in(AppDataModel data) {
                return field.equals("userId") ? Optional.ofNullable(data.users.get(value))
                        : data.userByExternalId(value);
            }
        }

        private UserRef asRef(AppDataModel.User user) {
            return user.externalId != null && gen.chance(0.3)
                    ? new UserRef("userExternalId", user.externalId, user.label + " by external id")
                    : new UserRef("userId", user.id, user.label);
        }

        /** A user of the place's app in {@code ownShare} percent of the cases, else of another app, deleted or none. */
        private UserRef userRef(Place place, int ownShare) {
            List<AppDataModel.User> own = List.copyOf(place.data().users.values());
            List<AppDataModel.User> elsewhere = world.everyApp().stream().filter(app -> app != place.app())
                    .flatMap(app -> app.data.users.values().stream()).toList();
            List<Map.Entry<String, String>> gone = List.copyOf(world.deadUsers.entrySet());
            return gen.weighted(
                    w(own.isEmpty() ? 0 : ownShare, () -> asRef(gen.oneOf(own))),
                    w(elsewhere.isEmpty() ? 0 : 12, () -> asRef(gen.oneOf(elsewhere))),
                    w(gone.isEmpty() ? 0 : 5, () -> {
                        Map.Entry<String, String> deleted = gen.oneOf(gone);
                        return new UserRef("userId", deleted.getKey(), deleted.getValue() + " (deleted)");
                    }),
                    w(5, () -> gen.chance(0.5) ? new UserRef("userId", gen.hex(24), "random id")
                            : new UserRef("userExternalId", externalId(), "unknown external id")));
        }

        /** Mostly a participant of the conversation, when it has one; else any user {@link #userRef} names. */
        private UserRef participantOrOther(Place place, AppDataModel.Conversation conversation) {
            return conversation != null && !conversation.participants.isEmpty() && gen.chance(0.65)
                    ? asRef(place.data().users.get(gen.oneOf(conversation.participants))) : userRef(place, 70);
        }

        private boolean exists(Place place, Target conversation) {
            return place.data().conversations.containsKey(conversation.id());
        }

        private boolean participates(Place place, AppDataModel.Conversation conversation, UserRef user) {
            Optional<AppDataModel.User> found = user.in(place.data());
            return found.isPresent() && conversation.participants.contains(found.get().id);
        }

        private void checkUser(JsonNode body, AppDataModel.User user, Response response) {
            expectEqual(body.path("id").asText(), user.id, "the user's id", response);
            expectEqual(body.path("externalId").asText(null), user.externalId, "the user's external id", response);
            expectEqual(body.path("profile").path("givenName").asText(null), user.givenName, "the user's given name",
                    response);
        }

        private void checkConversation(JsonNode body, AppDataModel.Conversation conversation, Response response) {
            expectEqual(body.path("id").asText(), conversation.id, "the conversation's id", response);
            expectEqual(body.path("type").asText(), conversation.type, "the conversation's type", response);
            expectEqual(body.path("isDefault").asBoolean(), conversation.defaultFor != null,
                    "whether the conversation is its user's default", response);
            expectEqual(body.path("displayName").asText(null), conversation.displayName,
                    "the conversation's display name", response);
        }

        private void expectEmpty(Response response) {
            expectEqual(response.json().isObject() && response.json().isEmpty(), true, "an empty object", response);
        }

        // ---- the rules

        enum Use { READ, UPDATE, DELETE, MANAGE_KEYS }

        /**
         * One app, for a caller: another account's app, or none, is 404 whoever asks; an app key may only read and
         * update its own (403 for anything else in its account); the others as for the app's configuration.
         */
        private Expected appAccess(Key caller, App app, Use use) {
            if (caller.kind() != KeyKind.APP || app == null || app.tenant != caller.tenant()) {
                return configurationAccess(caller, app);
            }
            return app.id.equals(caller.appId()) && (use == Use.READ || use == Use.UPDATE) ? Expected.OK
                    : Expected.FORBIDDEN;
        }

        /**
         * An app's configuration (itself, its keys and integrations): where its data is reached (any other app 404),
         * except by integration keys, to which their own app's configuration is forbidden.
         */
        private Expected configurationAccess(Key caller, App app) {
            Expected data = dataAccess(caller, app);
            if (data.status() != 200) {
                return Expected.NOT_FOUND;
            }
            return caller.kind() == KeyKind.INTEGRATION ? Expected.FORBIDDEN : data;
        }

        private Operation listIntegrations(Key caller) {
            Target target = appTarget(caller);
            App app = world.apps.get(target.id());
            return new Operation("GET", "/v2/apps/" + target.id() + "/integrations?page[size]=100",
                    "/v2/apps/{" + target.label() + "}/integrations", null, configurationAccess(caller, app),
                    response -> expectIds(response.json().path("integrations"), "id",
                            world.integrationsOf(app).stream().map(Integration::id).toList(),
                            "the app's integrations", response));
        }

        private Operation deleteIntegration(Key caller) {
            Target target = appTarget(caller);
            App app = world.apps.get(target.id());
            Target integrationTarget = integrationTarget(app);
            Integration integration = world.integrations.get(integrationTarget.id());
            Expected expected = configurationAccess(caller, app);
            if (expected.status() == 200 && (integration == null || integration.app() != app)) {
                expected = Expected.NOT_FOUND;
            }
            return new Operation("DELETE", "/v2/apps/" + target.id() + "/integrations/" + integrationTarget.id(),
                    "/v2/apps/{" + target.label() + "}/integrations/{" + integrationTarget.label() + "}", null,
                    expected, response -> world.deleteIntegration(integration));
        }

        /** An integration's webhooks: where the app's data is reached, but an integration key only its own. */
        private Operation listWebhooks(Key caller) {
            Target target = appTarget(caller);
            App app = world.apps.get(target.id());
            Target integrationTarget = integrationTarget(app);
            Integration integration = world.integrations.get(integrationTarget.id());
            Expected expected = dataAccess(caller, app).status() == 200 ? Expected.OK : Expected.NOT_FOUND;
            if (expected.status() == 200 && caller.kind() == KeyKind.INTEGRATION
                    && !integrationTarget.id().equals(caller.integrationId())) {
                expected = Expected.FORBIDDEN;
            } else if (expected.status() == 200 && (integration == null || integration.app() != app)) {
                expected = Expected.NOT_FOUND;
            }
            return new Operation("GET", "/v2/apps/" + target.id() + "/integrations/" + integrationTarget.id()
                    + "/webhooks", "/v2/apps/{" + target.label() + "}/integrations/{" + integrationTarget.label()
                    + "}/webhooks", null, expected, response -> expectEqual(response.json().path("webhooks").size(),
                    1, "the integration's one webhook", response));
        }

        /** An integration of the app most often, then any other, a deleted or a made-up one. */
        private Target integrationTarget(App app) {
            List<Target> own = app == null ? List.of() : world.integrationsOf(app).stream()
                    .map(integration -> new Target(integration.id(), integration.label())).toList();
            List<Target> others = world.integrations.values().stream().filter(integration -> integration.app() != app)
                    .map(integration -> new Target(integration.id(), integration.label())).toList();
            return pick(own, others);
        }

        /** Service accounts are for account keys only (403 for the others, whatever the target). */
        private Expected serviceAccountAccess(Key caller, ServiceAccount serviceAccount) {
            if (caller.kind() != KeyKind.ACCOUNT) {
                return Expected.FORBIDDEN;
            }
            return serviceAccount != null && serviceAccount.tenant == caller.tenant() ? Expected.OK
                    : Expected.NOT_FOUND;
        }

        // ---- targets: the caller's own records most often, then other tenants', deleted and made-up ids

        record Target(String id, String label) {
        }

        private Target appTarget(Key caller) {
            List<App> own = world.appsOf(caller.tenant());
            List<App> others = world.apps.values().stream().filter(app -> app.tenant != caller.tenant()).toList();
            return pick(own.stream().map(app -> new Target(app.id, app.label)).toList(),
                    others.stream().map(app -> new Target(app.id, app.label)).toList());
        }

        private Target serviceAccountTarget(Key caller) {
            List<Target> own = new ArrayList<>(world.serviceAccountsOf(caller.tenant()).stream()
                    .map(s -> new Target(s.id, s.label)).toList());
            List<Target> others = world.serviceAccounts.values().stream().filter(s -> s.tenant != caller.tenant())
                    .map(s -> new Target(s.id, s.label)).toList();
            return pick(own, others);
        }

        private Target keyTarget(List<Key> ofTheApp) {
            List<Target> all = world.keys.values().stream().map(key -> new Target(key.id(), key.label())).toList();
            List<Target> own = ofTheApp.stream().map(key -> new Target(key.id(), key.label())).toList();
            return gen.weighted(
                    w(own.isEmpty() ? 0 : 55, () -> gen.oneOf(own)),
                    w(25, () -> gen.oneOf(all)),
                    w(world.deadKeys.isEmpty() ? 0 : 10, () -> {
                        Key dead = gen.oneOf(world.deadKeys);
                        return new Target(dead.id(), dead.label() + " (deleted)");
                    }),
                    w(10, () -> new Target("app_" + gen.hex(24), "random key id")));
        }

        private Target pick(List<Target> own, List<Target> others) {
            return gen.weighted(
                    w(own.isEmpty() ? 0 : 55, () -> gen.oneOf(own)),
                    w(others.isEmpty() ? 0 : 25, () -> gen.oneOf(others)),
                    w(world.deadIds.isEmpty() ? 0 : 8, () -> new Target(gen.oneOf(world.deadIds), "deleted record")),
                    w(8, () -> new Target(gen.hex(24), "random id")),
                    w(4, () -> new Target(gen.oneOf("nothex", "0", "%20", "app_" + gen.hex(24),
                            gen.hex(24).toUpperCase(Locale.ROOT)), "malformed id")));
        }

        // ---- checks

        private void checkApp(JsonNode body, App app, boolean v1, Response response) {
            expectEqual(body.path(v1 ? "_id" : "id").asText(), app.id, "the app's id", response);
            expectEqual(body.path(v1 ? "name" : "displayName").asText(), app.name, "the app's name", response);
        }

        private void checkErrorCode(Expected expected, Response response) {
            if (expected.code() != null) {
                expectEqual(response.errorCode(), expected.code(), "the error code", response);
                if (expected.code().equals("app_not_found")) {
                    expectEqual(response.json(), appNotFound, "the body of an app the caller does not reach",
                            response);
                }
                return;
            }
            checkErrorCode(expected.status(), response);
        }

        private void checkErrorCode(int status, Response response) {
            String expected = switch (status) {
                case 401 -> "unauthorized";
                case 402 -> "payment_required";
                case 403 -> "forbidden";
                default -> null;
            };
            if (expected != null) {
                expectEqual(response.errorCode(), expected, "the error code", response);
            } else if (status == 404 && !List.of("not_found", "app_not_found", "integration_not_found")
                    .contains(response.errorCode())) {
                fail("a 404 has the code not_found, app_not_found or integration_not_found", response);
            }
        }

        /**
         * No answer to one tenant carries an id or a secret of another tenant's records; no answer about one app
         * carries the id of another app or of another app's data, and no other answer carries any app's data ids:
         * whatever the request did not name itself.
         */
        private void checkNothingForeignIn(Key caller, Operation operation, Response response) {
            Set<String> foreign = new HashSet<>();
            for (App other : world.everyApp()) {
                if (operation.appId() != null && other.id.equals(operation.appId())) {
                    continue;
                }
                foreign.addAll(other.data.everyId);
                if (operation.appId() != null) {
                    foreign.add(other.id);
                }
            }
            foreign.removeIf(value -> operation.path().contains(value)
                    || operation.body() != null && operation.body().contains(value));
            for (Tenant tenant : world.tenants) {
                if (tenant != caller.tenant()) {
                    foreign.add(tenant.accountId);
                }
            }
            world.apps.values().stream().filter(app -> app.tenant != caller.tenant()).forEach(app -> foreign.add(app.id));
            world.serviceAccounts.values().stream().filter(s -> s.tenant != caller.tenant()).forEach(s -> foreign.add(s.id));
            world.integrations.values().stream().filter(integration -> integration.app().tenant != caller.tenant())
                    .forEach(integration -> foreign.add(integration.id()));
            world.keys.values().stream().filter(key -> key.tenant() != caller.tenant()).forEach(key -> {
                foreign.add(key.id());
                foreign.add(key.secret());
            });
            for (String value : foreign) {
                if (response.text().contains(value)) {
                    fail("the answer reveals " + value + ", which is not the caller's to see here", response);
                }
            }
        }

        /** The stored records of the sequence's tenants are exactly the model's: nobody changed anything else. */
        private void checkStoredDataMatchesTheModel() throws SQLException {
            List<String> accounts = world.tenants.stream().map(t -> t.accountId).toList();
            Set<String> storedApps = query("SELECT id, account_id, display_name FROM apps WHERE account_id IN (?, ?, ?)",
                    accounts);
            Set<String> modelApps = world.apps.values().stream()
                    .map(app -> app.id + " | " + app.tenant.accountId + " | " + app.name).collect(Collectors.toSet());
            Set<String> storedServiceAccounts = query(
                    "SELECT id, account_id, display_name FROM service_accounts WHERE account_id IN (?, ?, ?)", accounts);
            Set<String> modelServiceAccounts = world.serviceAccounts.values().stream()
                    .map(s -> s.id + " | " + s.tenant.accountId + " | " + s.name).collect(Collectors.toSet());
            Set<String> storedKeys = query("SELECT id, kind, account_id, app_id, service_account_id, integration_id "
                    + "FROM api_keys WHERE account_id IN (?, ?, ?)", accounts);
            Set<String> modelKeys = world.keys.values().stream().map(key -> key.id() + " | " + switch (key.kind()) {
                case ACCOUNT -> "account";
                case SERVICE_ACCOUNT -> "service_account";
                case APP -> "app";
                case INTEGRATION -> "integration";
            } + " | " + key.tenant().accountId + " | " + key.appId() + " | " + key.serviceAccountId() + " | "
                    + key.integrationId()).collect(Collectors.toSet());
            Set<String> storedIntegrations = query("SELECT i.id, i.app_id FROM integrations i JOIN apps a "
                    + "ON a.id = i.app_id WHERE a.account_id IN (?, ?, ?)", accounts);
            Set<String> modelIntegrations = world.integrations.values().stream()
                    .map(integration -> integration.id() + " | " + integration.app().id).collect(Collectors.toSet());
            Set<String> storedGrants = query("SELECT g.service_account_id, g.app_id FROM service_account_apps g "
                    + "JOIN service_accounts s ON s.id = g.service_account_id WHERE s.account_id IN (?, ?, ?)", accounts);
            Set<String> modelGrants = new HashSet<>();
            world.apps.values().forEach(app -> app.reachedBy.forEach(s -> modelGrants.add(s + " | " + app.id)));
            Set<String> storedCounts = query("SELECT id, app_count FROM accounts WHERE id IN (?, ?, ?)", accounts);
            Set<String> modelCounts = world.tenants.stream()
                    .map(t -> t.accountId + " | " + world.appsOf(t).size()).collect(Collectors.toSet());
            compare("apps", storedApps, modelApps);
            compare("service accounts", storedServiceAccounts, modelServiceAccounts);
            compare("keys", storedKeys, modelKeys);
            compare("integrations", storedIntegrations, modelIntegrations);
            compare("grants", storedGrants, modelGrants);
            compare("app counts", storedCounts, modelCounts);
            checkStoredAppDataMatchesTheModel(accounts);
        }

        /**
         * The users, conversations, participants, messages and event types stored for the live apps of the three
         * tenants are exactly each app's model. (A deleted app's rows wait for the background purge; every route
         * requires the app first, so nothing reaches them.)
         */
        private void checkStoredAppDataMatchesTheModel(List<String> accounts) throws SQLException {
            String ofTheTenants = " JOIN apps a ON a.id = d.app_id WHERE a.account_id IN (?, ?, ?)";
            Set<String> modelUsers = new HashSet<>();
            Set<String> modelConversations = new HashSet<>();
            Set<String> modelParticipants = new HashSet<>();
            Set<String> modelMessages = new HashSet<>();
            Map<String, List<String>> modelEvents = new TreeMap<>();
            for (App app : world.apps.values()) {
                app.data.userRows(app.id, modelUsers);
                app.data.conversationRows(app.id, modelConversations);
                app.data.participantRows(app.id, modelParticipants);
                app.data.messageRows(app.id, modelMessages);
                if (!app.data.events.isEmpty()) {
                    modelEvents.put(app.id, app.data.events);
                }
            }
            compare("users", query("SELECT d.app_id, d.id, d.external_id, d.profile FROM users d" + ofTheTenants,
                    accounts), modelUsers);
            compare("conversations", query("SELECT d.app_id, d.id, d.type, d.default_for_user, d.display_name, "
                    + "d.participant_count FROM conversations d" + ofTheTenants, accounts), modelConversations);
            compare("participants", query("SELECT d.app_id, d.conversation_id, d.user_id FROM participants d"
                    + ofTheTenants, accounts), modelParticipants);
            compare("messages", query("SELECT d.app_id, d.conversation_id, d.id FROM messages d" + ofTheTenants,
                    accounts), modelMessages);
            Map<String, List<String>> storedEvents = new TreeMap<>();
            for (String row : rows("SELECT d.app_id, d.type FROM events d" + ofTheTenants + " ORDER BY d.app_id, d.id",
                    accounts)) {
                String[] appAndType = row.split(" \\| ");
                storedEvents.computeIfAbsent(appAndType[0], app -> new ArrayList<>()).add(appAndType[1]);
            }
            if (!storedEvents.equals(modelEvents)) {
                throw new AssertionError("the stored event types differ from the model: stored " + storedEvents
                        + ", model " + modelEvents + "\n" + transcript());
            }
        }

        private void compare(String what, Set<String> stored, Set<String> model) {
            if (!stored.equals(model)) {
                Set<String> unexpected = new TreeSet<>(stored);
                unexpected.removeAll(model);
                Set<String> missing = new TreeSet<>(model);
                missing.removeAll(stored);
                throw new AssertionError("the stored " + what + " differ from the model: stored but not in the model "
                        + unexpected + ", in the model but not stored " + missing + "\n" + transcript());
            }
        }

        private Set<String> query(String sql, List<String> accounts) throws SQLException {
            return new HashSet<>(rows(sql, accounts));
        }

        /** The rows the query selects, in its order, each as its columns joined by " | ". */
        private List<String> rows(String sql, List<String> accounts) throws SQLException {
            List<String> rows = new ArrayList<>();
            try (PreparedStatement statement = db.prepareStatement(sql)) {
                for (int i = 0; i < accounts.size(); i++) {
                    statement.setString(i + 1, accounts.get(i));
                }
                try (ResultSet result = statement.executeQuery()) {
                    int columns = result.getMetaData().getColumnCount();
                    while (result.next()) {
                        List<String> row = new ArrayList<>();
                        for (int c = 1; c <= columns; c++) {
                            row.add(result.getString(c));
                        }
                        rows.add(String.join(" | ", row));
                    }
                }
            }
            return rows;
        }

        private void expectIds(JsonNode records, String idField, List<String> expected, String what,
                               Response response) {
            List<String> listed = new ArrayList<>();
            records.forEach(record -> listed.add(record.path(idField).asText()));
            List<String> sorted = new ArrayList<>(new TreeSet<>(expected));
            expectEqual(listed, sorted, what + " (oldest first)", response);
        }

        private void expectEqual(Object actual, Object expected, String what, Response response) {
            if (!Objects.equals(expected, actual)) {
                fail(what + ": expected " + expected + ", got " + actual, response);
            }
        }

        private void fail(String why, Response response) {
            throw new AssertionError(why + "\nanswer: " + GeneratedRequestsTest.abbreviate(response.toString(), 1500)
                    + "\n" + transcript());
        }

        private String transcript() {
            return "sequence " + number + " on " + database + ":\n  " + String.join("\n  ", log) + "\nmodel: "
                    + describeWorld();
        }

        private String describeWorld() {
            return world.tenants.stream().map(t -> t.label + " apps " + world.appsOf(t).stream()
                    .map(app -> app.label + (app.reachedBy.isEmpty() ? "" : " reached by " + app.reachedBy.stream()
                            .map(s -> world.serviceAccounts.get(s).label).toList()) + describeData(app.data)).toList()
                    + ", service accounts " + world.serviceAccountsOf(t).stream().map(s -> s.label).toList()
                    + ", keys " + world.keys.values().stream().filter(k -> k.tenant() == t).map(Key::label).toList())
                    .collect(Collectors.joining("; "));
        }

        private String describeData(AppDataModel data) {
            if (data.users.isEmpty() && data.conversations.isEmpty()) {
                return "";
            }
            return " holding users " + data.users.values().stream().map(user -> user.label).toList()
                    + ", conversations " + data.conversations.values().stream().map(c -> c.label + " of "
                    + c.participants.stream().map(id -> data.users.get(id).label).toList() + " with "
                    + c.messages.size() + " messages").toList()
                    + ", " + data.events.size() + " events";
        }

        // ---- making records in the model

        private App addApp(Tenant tenant, String reachedBy, String id, String name) {
            App app = new App(id, tenant, tenant.label + ".app" + (++tenant.appsMade), name);
            if (reachedBy != null) {
                app.reachedBy.add(reachedBy);
            }
            world.apps.put(id, app);
            return app;
        }

        private ServiceAccount addServiceAccount(Tenant tenant, String id, String name) {
            ServiceAccount serviceAccount = new ServiceAccount(id, tenant,
                    tenant.label + ".svc" + (++tenant.serviceAccountsMade), name);
            world.serviceAccounts.put(id, serviceAccount);
            return serviceAccount;
        }

        private Key addKey(JsonNode key, KeyKind kind, Tenant tenant, App app, ServiceAccount serviceAccount) {
            String id = key.has("_id") ? key.path("_id").asText() : key.path("id").asText();
            String owner = app != null ? app.label : serviceAccount.label;
            Key made = new Key(id, key.path("secret").asText(), kind, tenant, app == null ? null : app.id,
                    serviceAccount == null ? null : serviceAccount.id, null,
                    owner + ".key" + (++world.keysMade));
            world.keys.put(id, made);
            return made;
        }

        private String externalId() {
            return "ext-" + gen.alphanumeric(6, 12);
        }

        /** A user's given name or a conversation's display name: plain text, stored as it is sent. */
        private String givenName() {
            return "Name " + gen.alphanumeric(1, 20);
        }

        private String name() {
            return gen.weighted(
                    w(60, () -> "Name " + gen.alphanumeric(1, 40)),
                    w(25, () -> gen.oneOf("Café ", "Ünïcödé ", "日本語 ", "Ελληνικά ", "עברית ") + gen.alphanumeric(1, 20)),
                    w(15, () -> "x".repeat(gen.between(90, 100))));
        }

        private List<String> ids(Collection<?> records) {
            return records.stream().map(record -> record instanceof App app ? app.id
                    : ((ServiceAccount) record).id).toList();
        }
    }

    /**
     * A request, its expected answer, and what a success changes in the model and checks in the body.
     *
     * @param appId the app whose data the request is about (as named in its path), or null for the provisioning
     *              API
     */
    private record Operation(String method, String path, String label, String body, Expected expected,
                             OnSuccess onSuccess, String appId) {
        Operation(String method, String path, String label, String body, Expected expected, OnSuccess onSuccess) {
            this(method, path, label, body, expected, onSuccess, null);
        }
    }

    @FunctionalInterface
    private interface OnSuccess {
        void accept(Response response);
    }

    /** A JSON string for the names the model uses (no control characters in them). */
    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

}
