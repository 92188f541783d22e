package dev.parley.cli;

import dev.parley.http.Json;
import java.net.http.HttpResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code parley accounts owners …}: the people who sign in to the dashboard for an account. */
@Command(name = "owners", mixinStandardHelpOptions = true,
        description = "Manage an account's owners, who sign in to the dashboard.",
        subcommands = {AccountOwnersCommand.Create.class, AccountOwnersCommand.ListOwners.class,
                AccountOwnersCommand.SetPassword.class, AccountOwnersCommand.Delete.class})
final class AccountOwnersCommand {

    private static String ownersPath(String accountId) {
        return "/admin/accounts/" + AccountsCommand.OperatorCall.encode(accountId) + "/owners";
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Create an owner; prints {owner}.",
                    "The password (12 to 200 characters) is read from the first line of standard input."})
    static final class Create extends AccountsCommand.OperatorCall {
        @Parameters(paramLabel = "ACCOUNT_ID")
        String accountId;

        @Option(names = "--email", required = true, description = "The owner's email, used to sign in.")
        String email;

        @Mixin
        PasswordInput password;

        @Override
        HttpResponse<String> send(OperatorClient client) {
            return client.send("POST", ownersPath(accountId),
                    json(Json.mapper().createObjectNode().put("email", email).put("password", password.read())));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List an account's owners.")
    static final class ListOwners extends AccountsCommand.OperatorCall {
        @Parameters(paramLabel = "ACCOUNT_ID")
        String accountId;

        @Override
        HttpResponse<String> send(OperatorClient client) {
            return client.send("GET", ownersPath(accountId), null);
        }
    }

    @Command(name = "set-password", mixinStandardHelpOptions = true,
            description = {"Set an owner's password; every dashboard session of theirs ends. Prints {owner}.",
                    "The password (12 to 200 characters) is read from the first line of standard input."})
    static final class SetPassword extends AccountsCommand.OperatorCall {
        @Parameters(index = "0", paramLabel = "ACCOUNT_ID")
        String accountId;

        @Parameters(index = "1", paramLabel = "OWNER_ID")
        String ownerId;

        @Mixin
        PasswordInput password;

        @Override
        HttpResponse<String> send(OperatorClient client) {
            return client.send("PUT", ownersPath(accountId) + "/" + encode(ownerId) + "/password",
                    json(Json.mapper().createObjectNode().put("password", password.read())));
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete an owner; their dashboard sessions end at once.")
    static final class Delete extends AccountsCommand.OperatorCall {
        @Parameters(index = "0", paramLabel = "ACCOUNT_ID")
        String accountId;

        @Parameters(index = "1", paramLabel = "OWNER_ID")
        String ownerId;

        @Override
        HttpResponse<String> send(OperatorClient client) {
            return client.send("DELETE", ownersPath(accountId) + "/" + encode(ownerId), null);
        }
    }
}
