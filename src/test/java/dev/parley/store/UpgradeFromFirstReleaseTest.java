package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.crypto.MasterKey;
import dev.parley.crypto.PasswordHasher;
import dev.parley.crypto.Sealer;
import dev.parley.testing.Api;
import dev.parley.testing.Auth;
import dev.parley.testing.DashboardClient;
import dev.parley.testing.DataPlane;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.ProcessTest;
import dev.parley.testing.Response;
import dev.parley.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

/**
 * An upgrade from the first release: its migrations (V1 to V4, copied byte for byte from commit d03f5cc into
 * {@code upgrade/first-release}) make the schema, rows are written as that release wrote them, then the current
 * server starts on the database, migrates it and serves the old data. Flyway checks the checksums of the migrations
 * applied before, so a released migration edited since fails this test: released migrations are never edited.
 */
class UpgradeFromFirstReleaseTest extends ProcessTest {
    private static final String ACCOUNT = "6750a1000000000000000001";
    private static final String APP = "6750a1000000000000000002";
    private static final String ACCOUNT_KEY = "act_6750a1000000000000000003";
    private static final String ACCOUNT_SECRET = "oldAccountSecret0123456789abcdefghijklmnopq";
    private static final String APP_KEY = "app_6750a1000000000000000004";
    private static final String APP_SECRET = "oldAppSecret0123456789abcdefghijklmnopqrstu";
    private static final String OWNER = "6750a1000000000000000005";
    private static final String OWNER_EMAIL = "owner@first-release.example";
    private static final String OWNER_PASSWORD = "first release password";
    /** What the first release's StoredSettings wrote for an app created with the defaults. */
    private static final String DEFAULT_SETTINGS = "{\"maskCreditCardNumbers\":true,\"useAnimalNames\":false,"
            + "\"echoPostback\":false,\"ignoreAutoConversationStart\":false,\"multiConvoEnabled\":false,"
            + "\"appLocalizationEnabled\":false,\"endSessionEnabled\":false,\"disableConversationReopen\":false}";

    @Test
    void theCurrentServerMigratesTheFirstReleasesDatabaseAndServesItsData() throws Exception {
        Path dataDir = Path.of(env.get("PARLEY_DATA_DIR"));
        boolean postgres = env.containsKey("PARLEY_DATABASE_URL");
        MigrateResult firstRelease = Flyway.configure()
                .dataSource(postgres ? env.get("PARLEY_DATABASE_URL") : EmbeddedDatabase.url(dataDir),
                        postgres ? TestDatabase.POSTGRES_USER : EmbeddedDatabase.USER, "")
                .locations("classpath:upgrade/first-release")
                .load()
                .migrate();
        assertThat(firstRelease.targetSchemaVersion).isEqualTo("4");
        try (Connection connection = TestDatabase.connect(env, dataDir)) {
            writeAsTheFirstReleaseDid(connection, new Sealer(MasterKey.parse(env.get("PARLEY_MASTER_KEY"))));
        }

        try (ParleyProcess server = ParleyProcess.start(env)) {
            Api api = server.awaitReady();
            Auth accountKey = Auth.basic(ACCOUNT_KEY, ACCOUNT_SECRET);
            Auth appKey = Auth.basic(APP_KEY, APP_SECRET);
            Response apps = api.get("/v2/apps", accountKey);
            assertThat(apps.status()).as(apps.toString()).isEqualTo(200);
            assertThat(apps.json().path("apps")).hasSize(1);
            assertThat(apps.at("/apps/0/id")).isEqualTo(APP);
            assertThat(apps.at("/apps/0/displayName")).isEqualTo("Old app");
            Response app = api.get("/v2/apps/" + APP, appKey);
            assertThat(app.status()).as(app.toString()).isEqualTo(200);
            assertThat(app.json().at("/app/settings/maskCreditCardNumbers").asBoolean()).isTrue();
            assertThat(api.get("/v2/apps/" + APP + "/keys/" + APP_KEY, accountKey).at("/key/secret"))
                    .as("the sealed secret opens under the same master key").isEqualTo(APP_SECRET);

            Response account = api.get("/admin/accounts/" + ACCOUNT, Auth.bearer(OPERATOR_TOKEN));
            assertThat(account.json().at("/account/appCount").asInt()).isEqualTo(1);
            assertThat(account.json().at("/account/maxApps").asInt()).isEqualTo(2);
            new DashboardClient(api.baseUrl()).signedIn(OWNER_EMAIL, OWNER_PASSWORD);

            DataPlane old = new DataPlane(api, APP, appKey);
            String user = old.createUser("upgraded-user");
            String conversation = old.createConversation("personal", user);
            old.created("/conversations/" + conversation + "/messages",
                    "{\"author\":{\"type\":\"user\",\"userId\":\"" + user + "\"},\"content\":{\"type\":\"text\","
                            + "\"text\":\"Hello after the upgrade\"}}");
            assertThat(old.get("/conversations/" + conversation + "/messages").json()
                    .at("/messages/0/content/text").asText()).isEqualTo("Hello after the upgrade");
            assertThat(api.post("/v2/apps", accountKey, "{\"displayName\":\"New app\"}").status()).isEqualTo(201);
            Response overPlan = api.post("/v2/apps", accountKey, "{\"displayName\":\"One too many\"}");
            assertThat(overPlan.status()).as("the old account's app count still guards its plan").isEqualTo(402);
        }
    }

    /** An account with its key and owner, an app with its key, and the master key check: the first release's rows. */
    private static void writeAsTheFirstReleaseDid(Connection connection, Sealer sealer) throws SQLException {
        execute(connection, "INSERT INTO installation (name, sealed_value) VALUES (?, ?)", "master_key_check",
                sealer.seal("master_key_check", "parley master key check"));
        execute(connection, "INSERT INTO accounts (id, display_name, max_apps, app_count) VALUES (?, ?, 2, 1)",
                ACCOUNT, "First release");
        execute(connection, "INSERT INTO apps (id, account_id, display_name, app_token, settings, metadata, key_count) "
                + "VALUES (?, ?, ?, ?, ?, NULL, 1)", APP, ACCOUNT, "Old app", "0firstreleaseapptoken0000", DEFAULT_SETTINGS);
        execute(connection, "INSERT INTO api_keys (id, kind, account_id, app_id, service_account_id, display_name, "
                + "sealed_secret) VALUES (?, 'account', ?, NULL, NULL, ?, ?)", ACCOUNT_KEY, ACCOUNT, "Default",
                sealer.seal(ACCOUNT_KEY, ACCOUNT_SECRET));
        execute(connection, "INSERT INTO api_keys (id, kind, account_id, app_id, service_account_id, display_name, "
                + "sealed_secret) VALUES (?, 'app', ?, ?, NULL, ?, ?)", APP_KEY, ACCOUNT, APP, "App key",
                sealer.seal(APP_KEY, APP_SECRET));
        execute(connection, "INSERT INTO account_owners (id, account_id, email, password_hash) VALUES (?, ?, ?, ?)",
                OWNER, ACCOUNT, OWNER_EMAIL, new PasswordHasher().hash(OWNER_PASSWORD));
        execute(connection, "INSERT INTO audit_events (id, account_id, actor, action, target_id) "
                + "VALUES (?, ?, 'operator', 'account.create', ?)", "6750a1000000000000000006", ACCOUNT, ACCOUNT);
    }

    private static void execute(Connection connection, String sql, String... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setString(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }
}
