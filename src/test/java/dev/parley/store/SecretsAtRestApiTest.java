package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ApiTest;
import dev.parley.testing.Response;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reads every table of the database behind the API and finds no secret in plain text. */
class SecretsAtRestApiTest extends ApiTest {

    @Test
    void noSecretIsStoredInPlainText() throws Exception {
        AccountFixture account = createAccount("At rest", null);
        String appId = createApp(account.basic(), "Sealed");
        KeyFixture appKey = createAppKey(account.basic(), appId, "app key");
        Response extraAccountKey = api.post("/admin/accounts/" + account.id() + "/keys", server.operator(),
                "{\"displayName\":\"second\"}");
        Response serviceAccount = api.post("/v2/serviceaccounts", account.basic(), "{\"displayName\":\"svc\"}");
        Response serviceKey = api.post("/v2/serviceaccounts/" + serviceAccount.at("/serviceAccount/id") + "/keys",
                account.basic(), "{\"displayName\":\"svc key\"}");
        List<String> secrets = List.of(account.secret(), appKey.secret(), extraAccountKey.at("/key/secret"),
                serviceKey.at("/key/secret"));
        assertThat(secrets).doesNotContainNull().allSatisfy(secret -> assertThat(secret).hasSizeGreaterThan(40));

        String everything = dumpAllTables();
        assertThat(everything).contains(appKey.id(), account.keyId());
        for (String secret : secrets) {
            assertThat(everything).doesNotContain(secret);
        }
    }

    private static String dumpAllTables() throws Exception {
        StringBuilder dump = new StringBuilder();
        try (Connection connection = server.connect()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = connection.getMetaData().getTables(null, connection.getSchema(), "%",
                    new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            assertThat(tables).contains("api_keys", "apps", "accounts");
            for (String table : tables) {
                try (Statement statement = connection.createStatement();
                     ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
                    ResultSetMetaData meta = rows.getMetaData();
                    while (rows.next()) {
                        for (int c = 1; c <= meta.getColumnCount(); c++) {
                            dump.append(rows.getString(c)).append('|');
                        }
                        dump.append('\n');
                    }
                }
            }
        }
        return dump.toString();
    }
}
