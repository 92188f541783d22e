package dev.parley.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.parley.accounts.AccountStore;
import dev.parley.api.ApiException;
import dev.parley.api.Origin;
import dev.parley.audit.AuditLog;
import dev.parley.auth.AccessPolicy;
import dev.parley.auth.AccessTable;
import dev.parley.auth.KeyKind;
import dev.parley.auth.Principal;
import dev.parley.auth.RevocationChannel;
import dev.parley.auth.Revocations;
import dev.parley.config.ParleyConfig;
import dev.parley.crypto.AppTokenGenerator;
import dev.parley.crypto.IdGenerator;
import dev.parley.serviceaccounts.ServiceAccountStore;
import dev.parley.store.Database;
import dev.parley.testing.TestDatabase;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * App creation is one statement on PostgreSQL and a transaction of four statements on the embedded database
 * (AppService says why). Both must leave the same rows, or they drift apart unnoticed: the app, the account's
 * app_count, the creating service account's grant and the audit row, alike in every column but the ids and the
 * times. Both paths are SQL that PostgreSQL runs, so they are compared there side by side; the transaction also
 * runs on the embedded database, where it is the path in use.
 */
class AppCreationPathsTest {
    private static final IdGenerator IDS = new IdGenerator();
    private static final AppTokenGenerator TOKENS = new AppTokenGenerator(new SecureRandom());
    private static final AccessPolicy POLICY = new AccessPolicy(AccessTable.standard());
    private static final CreationPath ONE_STATEMENT = AppService::createInOneStatement;
    private static final CreationPath TRANSACTION = AppService::createInTransaction;

    @TempDir
    static Path dataDir;
    private static Map<String, String> postgresEnv;
    private static Database postgres;
    private static Database embedded;

    @BeforeAll
    static void migrateBothDatabases() {
        postgresEnv = TestDatabase.POSTGRES.freshDatabase();
        postgres = migrated(postgresEnv);
        embedded = migrated(Map.of("PARLEY_DATA_DIR", dataDir.toString()));
    }

    @AfterAll
    static void closeBothDatabases() {
        postgres.close();
        embedded.close();
        TestDatabase.dropDatabase(postgresEnv);
    }

    @Test
    void theOneStatementWritesWhatTheTransactionWritesOnPostgres() {
        StoredRows oneStatement = new Run(postgres, ONE_STATEMENT).fillThePlan().rows();
        StoredRows transaction = new Run(postgres, TRANSACTION).fillThePlan().rows();

        assertThat(transaction).isEqualTo(oneStatement);
        assertThat(oneStatement.of("accounts")).extracting(row -> row.get("max_apps"), row -> row.get("app_count"))
                .containsExactly(tuple(2, 2));
        assertThat(oneStatement.of("apps")).extracting(row -> row.get("id"), row -> row.get("account_id"),
                        row -> row.get("display_name"), row -> row.get("app_token"), row -> row.get("metadata"))
                .containsExactly(
                        tuple("first app", "account", "By the service account", "first app's token", "{\"a\":1}"),
                        tuple("second app", "account", "By the account", "second app's token", null));
        assertThat(oneStatement.of("service_account_apps")).as("the service account reaches the app it created")
                .containsExactly(Map.of("service_account_id", "service account", "app_id", "first app"));
        assertThat(oneStatement.of("audit_events")).extracting(row -> row.get("id"), row -> row.get("occurred_at"),
                        row -> row.get("account_id"), row -> row.get("actor"), row -> row.get("credential_id"),
                        row -> row.get("action"), row -> row.get("target_id"), row -> row.get("client_address"),
                        row -> row.get("request_id"))
                .containsExactly(
                        tuple("an id", "a time", "account", "service_account_key", "service account's key",
                                "app.create", "first app", "203.0.113.7", "request by the service account"),
                        tuple("an id", "a time", "account", "account_key", "account's key",
                                "app.create", "second app", "198.51.100.4", "request by the account"));
    }

    @Test
    void theTransactionWritesTheSameRowsOnTheEmbeddedDatabase() {
        assertThat(new Run(embedded, TRANSACTION).fillThePlan().rows())
                .isEqualTo(new Run(postgres, ONE_STATEMENT).fillThePlan().rows());
    }

    @Test
    void bothPathsRefuseACreationBeyondThePlanAndWriteNothing() {
        for (Run run : List.of(new Run(postgres, ONE_STATEMENT), new Run(postgres, TRANSACTION),
                new Run(embedded, TRANSACTION))) {
            Filled full = run.fillThePlan();
            for (Principal caller : List.of(full.tenant().byServiceAccount(), full.tenant().byAccount())) {
                assertThatThrownBy(() -> run.create(caller, newApp(caller, "One too many", null)))
                        .isInstanceOfSatisfying(ApiException.class,
                                refused -> assertThat(refused.status()).isEqualTo(402));
            }
            assertThat(run.stored(full.tenant(), full.apps())).as("nothing written").isEqualTo(full.rows());
        }
    }

    /** One of AppService's two ways to write a new app. */
    @FunctionalInterface
    private interface CreationPath {
        void create(AppService service, Principal caller, App app, String grantee);
    }

    /** An account whose plan allows two apps, its service account, and a key of each as callers. */
    private record Tenant(String accountId, String serviceAccountId, Principal byServiceAccount, Principal byAccount) {
    }

    private record Filled(Tenant tenant, List<App> apps, StoredRows rows) {
    }

    /**
     * A tenant's rows in every table a creation writes, each id the test chose named by what it is, times by
     * that they are there, and the one id it did not choose (the audit row's own) by that it is an id.
     */
    private record StoredRows(Map<String, List<Map<String, Object>>> byTable) {
        List<Map<String, Object>> of(String table) {
            return byTable.get(table);
        }
    }

    /** A creation path on one database, with the service that runs it wired as ParleyServer wires it. */
    private record Run(Database database, CreationPath path) {

        void create(Principal caller, App app) {
            AppStore apps = new AppStore();
            AppService service = new AppService(database, apps, AppCache.none(), new AccountStore(),
                    new ServiceAccountStore(), new GrantStore(), POLICY, new AppAccess(apps, POLICY), IDS, TOKENS,
                    new Revocations(RevocationChannel.NONE, revocation -> {
                    }), new AuditLog(IDS));
            path.create(service, caller, app, POLICY.reachingServiceAccount(caller));
        }

        /** A new tenant, and its plan's two apps: the first created by the service account's key, the second not. */
        Filled fillThePlan() {
            Tenant tenant = newTenant();
            List<App> apps = List.of(newApp(tenant.byServiceAccount(), "By the service account", "{\"a\":1}"),
                    newApp(tenant.byAccount(), "By the account", null));
            create(tenant.byServiceAccount(), apps.get(0));
            create(tenant.byAccount(), apps.get(1));
            return new Filled(tenant, apps, stored(tenant, apps));
        }

        private Tenant newTenant() {
            String accountId = IDS.next();
            String serviceAccountId = IDS.next();
            database.withoutTransaction(handle -> {
                handle.execute("INSERT INTO accounts (id, display_name, max_apps) VALUES (?, 'Plan of two', 2)",
                        accountId);
                return handle.execute("INSERT INTO service_accounts (id, account_id, display_name) "
                        + "VALUES (?, ?, 'Deployer')", serviceAccountId, accountId);
            });
            return new Tenant(accountId, serviceAccountId,
                    new Principal(accountId, KeyKind.SERVICE_ACCOUNT, KeyKind.SERVICE_ACCOUNT.newId(IDS), null,
                            serviceAccountId, null, new Origin("203.0.113.7", "request by the service account")),
                    new Principal(accountId, KeyKind.ACCOUNT, KeyKind.ACCOUNT.newId(IDS), null, null, null,
                            new Origin("198.51.100.4", "request by the account")));
        }

        StoredRows stored(Tenant tenant, List<App> apps) {
            Map<String, String> names = new HashMap<>(Map.of(
                    tenant.accountId(), "account",
                    tenant.serviceAccountId(), "service account",
                    tenant.byServiceAccount().keyId(), "service account's key",
                    tenant.byAccount().keyId(), "account's key"));
            List<String> ordinals = List.of("first app", "second app");
            for (int i = 0; i < apps.size(); i++) {
                names.put(apps.get(i).id(), ordinals.get(i));
                names.put(apps.get(i).appToken(), ordinals.get(i) + "'s token");
            }
            Map<String, String> queries = Map.of(
                    "accounts", "SELECT * FROM accounts WHERE id = ?",
                    "apps", "SELECT * FROM apps WHERE account_id = ? ORDER BY id",
                    "service_account_apps", "SELECT g.* FROM service_account_apps g JOIN service_accounts s "
                            + "ON s.id = g.service_account_id WHERE s.account_id = ? ORDER BY g.app_id",
                    "audit_events", "SELECT * FROM audit_events WHERE account_id = ? ORDER BY id");
            Map<String, List<Map<String, Object>>> byTable = new TreeMap<>();
            queries.forEach((table, query) -> byTable.put(table, database.withoutTransaction(handle ->
                    handle.createQuery(query).bind(0, tenant.accountId()).mapToMap().list()).stream()
                    .map(row -> named(row, names))
                    .toList()));
            return new StoredRows(byTable);
        }
    }

    private static App newApp(Principal caller, String displayName, String metadata) {
        return new App(IDS.next(), caller.accountId(), displayName, TOKENS.next(), AppSettings.DEFAULTS, metadata);
    }

    private static Map<String, Object> named(Map<String, Object> row, Map<String, String> names) {
        Map<String, Object> named = new TreeMap<>();
        row.forEach((column, value) -> named.put(column, named(column, value, names)));
        return named;
    }

    private static Object named(String column, Object value, Map<String, String> names) {
        if (value == null) {
            return null;
        }
        if (column.endsWith("_at")) {
            return "a time";
        }
        if (names.containsKey(value)) {
            return names.get(value);
        }
        return value instanceof String text && IdGenerator.isId(text) ? "an id" : value;
    }

    private static Database migrated(Map<String, String> env) {
        ParleyConfig config = ParleyConfig.from(env);
        Database database = Database.connect(config);
        database.prepare(config);
        return database;
    }
}
