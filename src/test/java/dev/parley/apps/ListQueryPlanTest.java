package dev.parley.apps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.api.PageRequest;
import dev.parley.config.ParleyConfig;
import dev.parley.store.Database;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database chooses its index by cost, and for an account with many apps a wrong choice reads the
 * whole account for one page. Every page, the first one included, must be read off the account's index. (With
 * the first page asked without an id condition, this test fails: the foreign key's index is chosen.)
 */
class ListQueryPlanTest {
    private static final String ACCOUNT = "0000000000000000000000a1";

    @TempDir
    Path dataDir;

    @Test
    void everyPageOfAnAccountsAppsIsReadOffTheAccountIndex() {
        ParleyConfig config = ParleyConfig.from(Map.of("PARLEY_DATA_DIR", dataDir.toString()));
        try (Database database = Database.connect(config)) {
            database.prepare(config);
            database.withoutTransaction(handle -> {
                handle.execute("INSERT INTO accounts (id, display_name) VALUES (?, 'Large')", ACCOUNT);
                handle.execute("INSERT INTO accounts (id, display_name) VALUES ('0000000000000000000000b2', 'Small')");
                handle.execute("INSERT INTO apps (id, account_id, display_name, app_token, settings) "
                        + "SELECT LPAD(LOWER(RAWTOHEX(CAST(r.n AS VARBINARY))), 24, '0'), CASE WHEN MOD(r.n, 50) = 0 "
                        + "THEN '0000000000000000000000b2' ELSE ? END, 'App', 'token' || r.n, '{}' "
                        + "FROM SYSTEM_RANGE(1, 20000) AS r(n)", ACCOUNT);
                return null;
            });

            String someAppId = "0000000000000000000003e7";
            for (PageRequest request : List.of(new PageRequest(null, null, 25),
                    new PageRequest(someAppId, null, 25), new PageRequest(null, someAppId, 25))) {
                // The query AppStore.list runs: all columns, so no index covers it.
                String plan = database.withoutTransaction(handle -> handle.createQuery("EXPLAIN "
                                + AppStore.listPageSql(null, request))
                        .bind("accountId", ACCOUNT)
                        .bind("cursor", request.after() == null && request.before() == null ? "" : someAppId)
                        .mapTo(String.class)
                        .one());
                assertThat(plan).as(request + "\n" + plan).containsIgnoringCase("apps_by_account")
                        .doesNotContainIgnoringCase("CONSTRAINT_INDEX");
            }
        }
    }
}
