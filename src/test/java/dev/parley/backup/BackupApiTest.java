package dev.parley.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ApiTest;
import dev.parley.testing.Auth;
import dev.parley.testing.Response;
import dev.parley.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code POST /admin/backup}: the operator's only, a zip on the embedded database, a clear 400 on PostgreSQL. */
class BackupApiTest extends ApiTest {

    @Test
    void onlyTheOperatorTokenReachesItAndARefusalIsNotAudited() {
        AccountFixture account = createAccount("Backup", null);
        long before = backupsAudited();
        for (Auth caller : List.of(Auth.NONE, account.basic(), account.jwt(), Auth.bearer("not-the-operator-token"))) {
            Response refused = backup(caller);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
            assertThat(refused.errorCode()).isEqualTo("unauthorized");
        }
        assertThat(backupsAudited()).isEqualTo(before);
    }

    @Test
    void answersAZipOfTheEmbeddedDatabaseOrOnPostgresSaysToUsePgDump() {
        long before = backupsAudited();
        Response answer = backup(server.operator());
        if (database == TestDatabase.EMBEDDED) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            assertThat(answer.header("Content-Type")).isEqualTo("application/zip");
            assertThat(answer.text()).as("a zip's signature").startsWith("PK\u0003\u0004");
            assertThat(backupsAudited()).isEqualTo(before + 1);
        } else {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
            assertThat(answer.errorCode()).isEqualTo("bad_request");
            assertThat(answer.at("/errors/0/title")).contains("pg_dump");
            assertThat(backupsAudited()).isEqualTo(before);
        }
    }

    private static Response backup(Auth caller) {
        return api.send("POST", "/admin/backup", caller, null, null, Map.of());
    }

    private static long backupsAudited() {
        return api.get("/admin/audit?page[size]=100", server.operator()).json().findValuesAsText("action").stream()
                .filter(EmbeddedBackups.AUDIT_ACTION::equals).count();
    }
}
