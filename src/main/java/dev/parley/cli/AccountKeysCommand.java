package dev.parley.cli;

import dev.parley.http.Json;
import java.net.http.HttpResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code parley accounts keys …}: account API keys (act_…). */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Manage an account's API keys (act_…).",
        subcommands = {AccountKeysCommand.Create.class, AccountKeysCommand.ListKeys.class,
                AccountKeysCommand.Get.class, AccountKeysCommand.Delete.class})
final class AccountKeysCommand {

    private static String keysPath(String accountId) {
        return "/admin/accounts/" + AccountsCommand.OperatorCall.encode(accountId) + "/keys";
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an account key; prints {key}.")
    static final class Create extends AccountsCommand.OperatorCall {
        @Parameters(paramLabel = "ACCOUNT_ID")
        String accountId;

        @Option(names = "--name", required = true, description = "The key's display name.")
        String name;

        @Override
        HttpResponse<String> send(OperatorClient client) {
            return client.send("POST", keysPath(accountId),
                    json(Json.mapper().createObjectNode().put("displayName", name)));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List an account's keys.")
    static final class ListKeys extends AccountsCommand.OperatorCall {
        @Parameters(paramLabel = "ACCOUNT_ID")
        String accountId;

        @Override
        HttpResponse<String> send(OperatorClient client) {
            return client.send("GET", keysPath(accountId) + "?page[size]=100", null);
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show one account key.")
    static final class Get extends AccountsCommand.OperatorCall {
        @Parameters(index = "0", paramLabel = "ACCOUNT_ID")
        String accountId;

        @Parameters(index = "1", paramLabel = "KEY_ID")
        String keyId;

        @Override
        HttpResponse<String> send(OperatorClient client) {
            return client.send("GET", keysPath(accountId) + "/" + encode(keyId), null);
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Revoke an account key at once.")
    static final class Delete extends AccountsCommand.OperatorCall {
        @Parameters(index = "0", paramLabel = "ACCOUNT_ID")
        String accountId;

        @Parameters(index = "1", paramLabel = "KEY_ID")
        String keyId;

        @Override
        HttpResponse<String> send(OperatorClient client) {
            return client.send("DELETE", keysPath(accountId) + "/" + encode(keyId), null);
        }
    }
}
