package dev.parley.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.http.Json;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code parley accounts …}: the operator API from the command line, printing the API's JSON. */
@Command(name = "accounts", mixinStandardHelpOptions = true,
        description = {"Manage accounts, account keys and account owners through the operator API of a running server.",
                "Finds the server at PARLEY_URL (default http://127.0.0.1:$PARLEY_PORT) and authenticates with "
                        + "PARLEY_OPERATOR_TOKEN or the operator-token file in PARLEY_DATA_DIR."},
        subcommands = {AccountsCommand.Create.class, AccountsCommand.ListAccounts.class, AccountsCommand.Get.class,
                AccountsCommand.Update.class, AccountsCommand.Delete.class, AccountKeysCommand.class,
                AccountOwnersCommand.class})
public final class AccountsCommand {

    /** Sends one operator API request and prints the answer: JSON on stdout, or the error on stderr with exit 1. */
    abstract static class OperatorCall implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public final Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                HttpResponse<String> response = send(OperatorClient.fromEnvironment(System.getenv()));
                boolean ok = response.statusCode() / 100 == 2;
                (ok ? out : err).println(pretty(response.body()));
                (ok ? out : err).flush();
                return ok ? 0 : 1;
            } catch (CliException | IllegalArgumentException e) {
                err.println("parley: " + e.getMessage());
                err.flush();
                return 1;
            }
        }

        abstract HttpResponse<String> send(OperatorClient client);

        static String encode(String pathSegment) {
            return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8);
        }

        static String json(ObjectNode body) {
            return body.toString();
        }

        /** The API's JSON answer indented, or the body as it came when it is not JSON. */
        static String pretty(String body) {
            try {
                JsonNode node = Json.mapper().readTree(body);
                return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node);
            } catch (Exception e) {
                return body;
            }
        }
    }

    static final class PlanLimit {
        @Option(names = "--max-apps", description = "The most apps the account may have.")
        Integer maxApps;

        @Option(names = "--unlimited", description = "No cap on the account's apps.")
        boolean unlimited;

        void putInto(ObjectNode body) {
            if (unlimited) {
                body.putNull("maxApps");
            } else if (maxApps != null) {
                body.put("maxApps", maxApps);
            }
        }
    }

    /** The first owner of a new account: an email, and the password from standard input. */
    static final class FirstOwner {
        @Option(names = "--owner-email", required = true,
                description = "Also create the account's first dashboard owner with this email.")
        String email;

        @Option(names = "--password-stdin", required = true,
                description = "Read the owner's password from standard input.")
        boolean passwordStdin;
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create an account and its first account key (and owner); prints {account, key[, owner]}.")
    static final class Create extends OperatorCall {
        @Option(names = "--name", required = true, description = "The account's display name.")
        String name;

        @ArgGroup(exclusive = true)
        PlanLimit limit;

        @ArgGroup(exclusive = false)
        FirstOwner owner;

        @Override
        HttpResponse<String> send(OperatorClient client) {
            ObjectNode body = Json.mapper().createObjectNode().put("displayName", name);
            if (limit != null) {
                limit.putInto(body);
            }
            if (owner != null) {
                body.putObject("owner").put("email", owner.email).put("password", PasswordInput.readFrom(System.in));
            }
            return client.send("POST", "/admin/accounts", json(body));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List accounts, oldest first.")
    static final class ListAccounts extends OperatorCall {
        @Option(names = "--after", description = "Start after this account id (a page's afterCursor).")
        String after;

        @Option(names = "--size", description = "Accounts per page, 1 to 100 (default 25).")
        Integer size;

        @Override
        HttpResponse<String> send(OperatorClient client) {
            StringBuilder query = new StringBuilder();
            if (after != null) {
                query.append("&page[after]=").append(encode(after));
            }
            if (size != null) {
                query.append("&page[size]=").append(size);
            }
            return client.send("GET", "/admin/accounts" + (query.isEmpty() ? "" : "?" + query.substring(1)), null);
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show one account.")
    static final class Get extends OperatorCall {
        @Parameters(paramLabel = "ACCOUNT_ID")
        String accountId;

        @Override
        HttpResponse<String> send(OperatorClient client) {
            return client.send("GET", "/admin/accounts/" + encode(accountId), null);
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true, description = "Rename an account or change its plan.")
    static final class Update extends OperatorCall {
        @Parameters(paramLabel = "ACCOUNT_ID")
        String accountId;

        @Option(names = "--name", description = "A new display name.")
        String name;

        @ArgGroup(exclusive = true)
        PlanLimit limit;

        @Override
        HttpResponse<String> send(OperatorClient client) {
            ObjectNode body = Json.mapper().createObjectNode();
            if (name != null) {
                body.put("displayName", name);
            }
            if (limit != null) {
                limit.putInto(body);
            }
            return client.send("PATCH", "/admin/accounts/" + encode(accountId), json(body));
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete an account with all its apps, service accounts and keys.")
    static final class Delete extends OperatorCall {
        @Parameters(paramLabel = "ACCOUNT_ID")
        String accountId;

        @Override
        HttpResponse<String> send(OperatorClient client) {
            return client.send("DELETE", "/admin/accounts/" + encode(accountId), null);
        }
    }
}
