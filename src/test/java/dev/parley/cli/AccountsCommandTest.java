package dev.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.testing.Api;
import dev.parley.testing.Auth;
import dev.parley.testing.ParleyCommand;
import dev.parley.testing.ParleyCommand.Result;
import dev.parley.testing.ParleyProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator commands, run as a user runs them, against a running server found through the data directory. */
class AccountsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void createsListsUpdatesAndDeletesAccountsAndKeysFromTheCommandLine(@TempDir Path dataDir) throws Exception {
        try (ParleyProcess server = ParleyProcess.start(Map.of("PARLEY_DATA_DIR", dataDir.toString(),
                "PARLEY_PORT", "0"))) {
            Api api = server.awaitReady();
            Map<String, String> env = Map.of("PARLEY_DATA_DIR", dataDir.toString(), "PARLEY_URL", api.baseUrl());

            Result created = ParleyCommand.run(env, "accounts", "create", "--name", "Acme", "--max-apps", "5");
            assertThat(created.exitCode()).as(created.stderr()).isZero();
            JsonNode account = JSON.readTree(created.stdout());
            assertThat(account.at("/account/displayName").asText()).isEqualTo("Acme");
            assertThat(account.at("/account/maxApps").asInt()).isEqualTo(5);
            assertThat(account.at("/key/id").asText()).matches("act_[0-9a-f]{24}");
            String accountId = account.at("/account/id").asText();
            Auth key = Auth.basic(account.at("/key/id").asText(), account.at("/key/secret").asText());
            assertThat(api.post("/v2/apps", key, "{\"displayName\":\"From CLI\"}").status()).isEqualTo(201);

            assertThat(JSON.readTree(ParleyCommand.run(env, "accounts", "list").stdout()).path("accounts")).hasSize(1);
            JsonNode updated = JSON.readTree(ParleyCommand.run(env, "accounts", "update", accountId, "--unlimited").stdout());
            assertThat(updated.at("/account/maxApps").isNull()).isTrue();
            assertThat(updated.at("/account/appCount").asInt()).isEqualTo(1);

            JsonNode second = JSON.readTree(ParleyCommand.run(env, "accounts", "keys", "create", accountId, "--name", "CI").stdout());
            String secondKeyId = second.at("/key/id").asText();
            assertThat(second.at("/key/secret").asText()).as("the create answer shows the secret").isNotEmpty();
            Result listed = ParleyCommand.run(env, "accounts", "keys", "list", accountId);
            assertThat(JSON.readTree(listed.stdout()).path("keys")).hasSize(2);
            Result got = ParleyCommand.run(env, "accounts", "keys", "get", accountId, secondKeyId);
            assertThat(JSON.readTree(got.stdout()).at("/key/id").asText()).isEqualTo(secondKeyId);
            for (Result read : List.of(listed, got)) {
                assertThat(read.stdout()).as("account key secrets are shown once, when made")
                        .doesNotContain(account.at("/key/secret").asText(), second.at("/key/secret").asText())
                        .doesNotContain("secret");
            }
            assertThat(ParleyCommand.run(env, "accounts", "keys", "delete", accountId, secondKeyId).exitCode()).isZero();
            assertThat(api.get("/v2/apps", Auth.basic(secondKeyId, second.at("/key/secret").asText())).status())
                    .isEqualTo(401);

            Result missing = ParleyCommand.run(env, "accounts", "get", "000000000000000000000000");
            assertThat(missing.exitCode()).isEqualTo(1);
            assertThat(JSON.readTree(missing.stderr()).at("/errors/0/code").asText()).isEqualTo("not_found");

            assertThat(ParleyCommand.run(env, "accounts", "delete", accountId).exitCode()).isZero();
            assertThat(api.get("/v2/apps", key).status()).isEqualTo(401);
            server.terminate();
            assertThat(server.awaitExit(Duration.ofSeconds(30))).isZero();
        }
    }

    @Test
    void saysHowToReachTheServerWhenItCannot(@TempDir Path dataDir) throws Exception {
        Result result = ParleyCommand.run(Map.of("PARLEY_DATA_DIR", dataDir.toString(), "PARLEY_OPERATOR_TOKEN", "t",
                "PARLEY_URL", "http://127.0.0.1:9"), "accounts", "list");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("Cannot reach Parley at http://127.0.0.1:9").doesNotContain("Exception");

        Result noToken = ParleyCommand.run(Map.of("PARLEY_DATA_DIR", dataDir.toString()), "accounts", "list");
        assertThat(noToken.exitCode()).isEqualTo(1);
        assertThat(noToken.stderr()).contains("PARLEY_OPERATOR_TOKEN");
    }
}
