package dev.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.testing.Api;
import dev.parley.testing.Auth;
import dev.parley.testing.DashboardClient;
import dev.parley.testing.ParleyCommand;
import dev.parley.testing.ParleyCommand.Result;
import dev.parley.testing.ParleyProcess;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The owner commands as the README's first run uses them: the password only on standard input, then signing in to
 * the dashboard of the same server, changing the password there and having the operator set it; nothing secret ever
 * reaches the server's log.
 */
class AccountOwnersCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "a long and secret passphrase";
    private static final String CHANGED_PASSWORD = "changed on the dashboard";
    private static final String RESET_PASSWORD = "reset by the operator";

    @Test
    void createsOwnersFromStandardInputAndTheyCanSignIn(@TempDir Path dataDir) throws Exception {
        try (ParleyProcess server = ParleyProcess.start(Map.of("PARLEY_DATA_DIR", dataDir.toString(),
                "PARLEY_PORT", "0"))) {
            Api api = server.awaitReady();
            Map<String, String> env = Map.of("PARLEY_DATA_DIR", dataDir.toString(), "PARLEY_URL", api.baseUrl());

            Result account = ParleyCommand.runWithInput(env, PASSWORD + "\n", "accounts", "create", "--name", "Acme", "--max-apps", "3",
                    "--owner-email", "First@Acme.example", "--password-stdin");
            assertThat(account.exitCode()).as(account.stderr()).isZero();
            JsonNode created = JSON.readTree(account.stdout());
            String accountId = created.at("/account/id").asText();
            assertThat(created.at("/owner/email").asText()).isEqualTo("first@acme.example");
            assertThat(account.stdout()).doesNotContain(PASSWORD);

            Result owner = ParleyCommand.runWithInput(env, PASSWORD + "\n", "accounts", "owners", "create", accountId,
                    "--email", "second@acme.example", "--password-stdin");
            assertThat(owner.exitCode()).as(owner.stderr()).isZero();
            String ownerId = JSON.readTree(owner.stdout()).at("/owner/id").asText();
            assertThat(owner.stdout()).doesNotContain(PASSWORD);

            JsonNode listed = JSON.readTree(ParleyCommand.runWithInput(env, "", "accounts", "owners", "list", accountId).stdout());
            assertThat(listed.path("owners")).hasSize(2);

            DashboardClient browser = new DashboardClient(api.baseUrl()).signedIn("second@acme.example", PASSWORD);
            String sessionToken = browser.cookie("parley_session");
            DashboardClient.Page accountPage = browser.get("/dashboard/account");
            assertThat(accountPage.body()).contains("Acme");
            String csrf = accountPage.csrf();
            DashboardClient.NewKey newKey = browser.createAccountKey("CI");
            assertThat(api.get("/v2/apps", Auth.basic(newKey.id(), newKey.secret())).status()).isEqualTo(200);
            new DashboardClient(api.baseUrl()).signIn("second@acme.example", "not the password");

            DashboardClient.Page changed = browser.post("/dashboard/account/password", Map.of("csrf", csrf,
                    "current", PASSWORD, "password", CHANGED_PASSWORD, "confirmation", CHANGED_PASSWORD));
            assertThat(changed.status()).as(changed.toString()).isEqualTo(303);
            Result reset = ParleyCommand.runWithInput(env, RESET_PASSWORD + "\n", "accounts", "owners", "set-password", accountId, ownerId,
                    "--password-stdin");
            assertThat(reset.exitCode()).as(reset.stderr()).isZero();
            assertThat(JSON.readTree(reset.stdout()).at("/owner/id").asText()).isEqualTo(ownerId);
            assertThat(reset.stdout()).doesNotContain(RESET_PASSWORD);
            assertThat(browser.get("/dashboard/account").status()).as("the reset ended its session").isEqualTo(303);
            assertThat(new DashboardClient(api.baseUrl()).signIn("second@acme.example", CHANGED_PASSWORD).status())
                    .isEqualTo(401);
            browser = new DashboardClient(api.baseUrl()).signedIn("second@acme.example", RESET_PASSWORD);
            Result notAnOwner = ParleyCommand.runWithInput(env, RESET_PASSWORD + "\n", "accounts", "owners", "set-password", accountId,
                    "000000000000000000000000", "--password-stdin");
            assertThat(notAnOwner.exitCode()).isEqualTo(1);
            assertThat(JSON.readTree(notAnOwner.stderr()).at("/errors/0/code").asText()).isEqualTo("not_found");
            Result withoutStdin = ParleyCommand.runWithInput(env, "", "accounts", "owners", "set-password", accountId, ownerId,
                    "--password-stdin");
            assertThat(withoutStdin.exitCode()).isEqualTo(1);
            assertThat(withoutStdin.stderr()).contains("no password on standard input");

            Result deleted = ParleyCommand.runWithInput(env, "", "accounts", "owners", "delete", accountId, ownerId);
            assertThat(deleted.exitCode()).as(deleted.stderr()).isZero();
            assertThat(browser.get("/dashboard/account").status()).as("its session ended").isEqualTo(303);

            Result noPassword = ParleyCommand.runWithInput(env, "", "accounts", "owners", "create", accountId, "--email", "x@acme.example",
                    "--password-stdin");
            assertThat(noPassword.exitCode()).isEqualTo(1);
            assertThat(noPassword.stderr()).contains("no password on standard input");
            Result onCommandLine = ParleyCommand.runWithInput(env, "", "accounts", "owners", "create", accountId, "--email",
                    "x@acme.example", "--password", PASSWORD);
            assertThat(onCommandLine.exitCode()).as("no password option exists").isNotZero();
            Result tooShort = ParleyCommand.runWithInput(env, "short\n", "accounts", "owners", "create", accountId, "--email",
                    "x@acme.example", "--password-stdin");
            assertThat(tooShort.exitCode()).isEqualTo(1);
            assertThat(JSON.readTree(tooShort.stderr()).at("/errors/0/code").asText()).isEqualTo("bad_request");

            assertThat(server.output()).as("the server's log")
                    .contains("POST /dashboard/sign-in", "POST /dashboard/account/password 303",
                            "/password 200")
                    .doesNotContain(PASSWORD, CHANGED_PASSWORD, RESET_PASSWORD, sessionToken, csrf, newKey.secret());
        }
    }
}
