package dev.parley.fuzz;

import dev.parley.auth.KeyKind;
import static dev.parley.fuzz.Gen.w;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ApiTest;
import dev.parley.testing.Auth;
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
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of operations by random credentials of three tenants on random targets (their own records,
 * other tenants', deleted ones and ids that never existed), checked step by step against a small model of what
 * exists and who may see what (README, "Who may do what"):
 *
 * <ul>
 *   <li>an account key does everything inside its account;</li>
 *   <li>a service-account key creates apps and reaches the apps it created or was granted (others: 404), and never
 *       touches service accounts (403);</li>
 *   <li>an app key reads and updates its own app (another app of the account: 403) and does nothing else (403);</li>
 *   <li>an integration key reaches its app's data and its own integration's webhooks; its app's configuration is
 *       403 to it (another integration's webhooks too), and any other app 404;</li>
 *   <li>an app's data (its event log) and its integrations: account keys anywhere in the account, service-account
 *       keys in the apps they reach, app keys in their own app only (any other app: 404);</li>
 *   <li>nothing of another account exists for anyone (404); a deleted key is no credential (401).</li>
 * </ul>
 *
 * After every step the status and body must be the model's, no answer may carry another tenant's ids or secrets,
 * and the stored apps, service accounts, keys, grants, integrations and plan counters of all three tenants must
 * equal the model.
 */
class TenantIsolationModelTest extends ApiTest {
    private static final int SEQUENCES = 50;
    private static final int MAX_STEPS = 30;

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

        App(String id, Tenant tenant, String label, String name) {
            this.id = id;
            this.tenant = tenant;
            this.label = label;
            this.name = name;
        }
    }

    record Integration(String id, App app, String label) {
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
            keys.values().stream().filter(key -> app.id.equals(key.appId())).toList().forEach(this::killKey);
            integrationsOf(app).forEach(integration -> integrations.remove(integration.id()));
        }

        void deleteIntegration(Integration integration) {
            integrations.remove(integration.id());
            deadIds.add(integration.id());
            keys.values().stream().filter(key -> integration.id().equals(key.integrationId())).toList()
                    .forEach(this::killKey);
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

    /** The status the model expects (what a success must carry is checked by the operation). */
    record Expected(int status) {
        static final Expected UNAUTHORIZED = new Expected(401);
        static final Expected FORBIDDEN = new Expected(403);
        static final Expected NOT_FOUND = new Expected(404);
        static final Expected OK = new Expected(200);
        static final Expected CREATED = new Expected(201);
    }

    // ---------------------------------------------------------------------------------------------------------
    // One sequence: three fresh tenants, then random steps

    private final class Sequence {
        private final Gen gen;
        private final int number;
        private final World world = new World();
        private final List<String> log = new ArrayList<>();
        private Connection db;

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
                    String integrationId = api.post("/v2/apps/" + app.id + "/integrations", accountKey.basic(),
                            "{\"type\":\"custom\",\"webhooks\":[{\"target\":\"http://127.0.0.1:9/hook\","
                                    + "\"triggers\":[\"conversation:message\"]}]}").at("/integration/id");
                    Integration integration = new Integration(integrationId, app, app.label + ".int" + i);
                    world.integrations.put(integrationId, integration);
                    JsonNode integrationKey = api.post("/v2/apps/" + app.id + "/integrations/" + integrationId
                            + "/keys", accountKey.basic(), "{\"displayName\":\"k\"}").json().path("key");
                    addIntegrationKey(integrationKey, integration);
                }
            }
            log.add("set up: " + describeWorld());
            checkStoredDataMatchesTheModel();
        }

        private void step(int step) throws Exception {
            Key caller = gen.chance(0.92) || world.deadKeys.isEmpty() ? liveKey() : gen.oneOf(world.deadKeys);
            boolean jwt = gen.chance(0.4);
            Auth auth = jwt ? caller.jwt() : caller.basic();
            Tenant tenant = caller.tenant();
            boolean alive = world.keys.containsKey(caller.id());
            Operation operation = gen.weighted(
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
                    w(6, () -> readEvents(caller)),
                    w(5, () -> listIntegrations(caller)),
                    w(6, () -> listWebhooks(caller)),
                    w(2, () -> deleteIntegration(caller)));
            Expected expected = alive ? operation.expected() : Expected.UNAUTHORIZED;
            Response response = api.send(operation.method(), operation.path(), auth,
                    operation.body() == null ? null : "application/json", operation.body(), Map.of());
            String line = String.format("%2d. %s (%s) %s %s%s -> expected %d, got %d", step, caller.label(),
                    jwt ? "jwt" : "basic", operation.method(), operation.label(),
                    operation.body() == null ? "" : " " + operation.body(), expected.status(), response.status());
            log.add(line);
            outcomes.merge((alive ? caller.kind().toString() : "DELETED KEY") + " " + expected.status(), 1,
                    Integer::sum);
            if (response.status() != expected.status()) {
                fail("the status differs from the model's", response);
            }
            checkErrorCode(expected.status(), response);
            checkNoOtherTenantIn(caller, response);
            if (alive && expected.status() < 300) {
                operation.onSuccess().accept(response);
            }
            checkStoredDataMatchesTheModel();
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
            expectEqual(payload.contains("\"scope\":\"" + key.scope() + "\""), true, "the JWT's scope " + payload,
                    response);
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

        private Operation readEvents(Key caller) {
            Target target = appTarget(caller);
            App app = world.apps.get(target.id());
            return new Operation("GET", "/v2/apps/" + target.id() + "/events?page[size]=1",
                    "/v2/apps/{" + target.label() + "}/events", null, dataAccess(caller, app), response -> { });
        }

        private Operation listIntegrations(Key caller) {
            Target target = appTarget(caller);
            App app = world.apps.get(target.id());
            Expected expected = configurationAccess(caller, app);
            return new Operation("GET", "/v2/apps/" + target.id() + "/integrations?page[size]=100",
                    "/v2/apps/{" + target.label() + "}/integrations", null, expected,
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

        private Operation listWebhooks(Key caller) {
            Target target = appTarget(caller);
            App app = world.apps.get(target.id());
            Target integrationTarget = integrationTarget(app);
            Integration integration = world.integrations.get(integrationTarget.id());
            Expected expected = dataAccess(caller, app);
            if (expected.status() == 200 && caller.kind() == KeyKind.INTEGRATION
                    && !integrationTarget.id().equals(caller.integrationId())) {
                expected = Expected.FORBIDDEN;
            } else if (expected.status() == 200 && (integration == null || integration.app() != app)) {
                expected = Expected.NOT_FOUND;
            }
            return new Operation("GET", "/v2/apps/" + target.id() + "/integrations/" + integrationTarget.id()
                    + "/webhooks", "/v2/apps/{" + target.label() + "}/integrations/{" + integrationTarget.label()
                    + "}/webhooks", null, expected, response -> expectEqual(response.json().path("webhooks").size(), 1,
                    "the integration's one webhook", response));
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

        /** An app's data (and its webhooks): any other app is 404 to keys bound to one app. */
        private Expected dataAccess(Key caller, App app) {
            if (app == null || app.tenant != caller.tenant()) {
                return Expected.NOT_FOUND;
            }
            return switch (caller.kind()) {
                case ACCOUNT -> Expected.OK;
                case SERVICE_ACCOUNT -> app.reachedBy.contains(caller.serviceAccountId()) ? Expected.OK
                        : Expected.NOT_FOUND;
                case APP, INTEGRATION -> app.id.equals(caller.appId()) ? Expected.OK : Expected.NOT_FOUND;
            };
        }

        /** An app's configuration (itself, its keys, integrations): as its data, but forbidden to integration keys. */
        private Expected configurationAccess(Key caller, App app) {
            Expected data = dataAccess(caller, app);
            return caller.kind() == KeyKind.INTEGRATION && data.status() == 200 ? Expected.FORBIDDEN : data;
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

        /** An integration of the app most often, then any other, a deleted or a made-up one. */
        private Target integrationTarget(App app) {
            List<Target> own = app == null ? List.of() : world.integrationsOf(app).stream()
                    .map(integration -> new Target(integration.id(), integration.label())).toList();
            List<Target> others = world.integrations.values().stream().filter(integration -> integration.app() != app)
                    .map(integration -> new Target(integration.id(), integration.label())).toList();
            return pick(own, others);
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

        /** No answer to one tenant carries an id or a secret of another tenant's records. */
        private void checkNoOtherTenantIn(Key caller, Response response) {
            Set<String> foreign = new HashSet<>();
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
                    fail("the answer reveals " + value + " of another tenant", response);
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
            Set<String> rows = new HashSet<>();
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
            if (!expected.equals(actual)) {
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
                            .map(s -> world.serviceAccounts.get(s).label).toList())).toList()
                    + ", service accounts " + world.serviceAccountsOf(t).stream().map(s -> s.label).toList()
                    + ", keys " + world.keys.values().stream().filter(k -> k.tenant() == t).map(Key::label).toList())
                    .collect(Collectors.joining("; "));
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

        private void addIntegrationKey(JsonNode key, Integration integration) {
            String id = key.path("id").asText();
            world.keys.put(id, new Key(id, key.path("secret").asText(), KeyKind.INTEGRATION, integration.app().tenant,
                    integration.app().id, null, integration.id(), integration.label() + ".key" + (++world.keysMade)));
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

    /** A request, its expected answer, and what a success changes in the model and checks in the body. */
    private record Operation(String method, String path, String label, String body, Expected expected,
                             OnSuccess onSuccess) {
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
