package dev.parley.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ApiTest;
import dev.parley.testing.Auth;
import dev.parley.testing.DashboardClient;
import dev.parley.testing.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The operator API for account owners: /admin/accounts/{id}/owners, their passwords, and the owner of POST
 * /admin/accounts.
 */
class OwnersApiTest extends ApiTest {
    private static final String PASSWORD = "correct horse battery";
    private static final String MISSING = "0".repeat(24);

    @Test
    void createsListsAndDeletesOwners() {
        AccountFixture account = createAccount("Owned", null);
        String email = uniqueEmail();
        Response created = api.post(ownersOf(account.id()), server.operator(), ownerBody(email.toUpperCase(), PASSWORD));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(fieldNames(created.json().path("owner"))).containsExactlyInAnyOrder("id", "email");
        assertThat(created.at("/owner/email")).isEqualTo(email);
        assertThat(created.at("/owner/id")).matches(HEX_ID);
        assertThat(created.text()).doesNotContain(PASSWORD).doesNotContainIgnoringCase("argon");

        Response second = api.post(ownersOf(account.id()), server.operator(), ownerBody(uniqueEmail(), PASSWORD));
        Response listed = api.get(ownersOf(account.id()), server.operator());
        assertThat(listed.status()).isEqualTo(200);
        assertThat(idsOf(listed.json().path("owners")))
                .containsExactly(created.at("/owner/id"), second.at("/owner/id"));
        assertThat(listed.text()).doesNotContain(PASSWORD).doesNotContainIgnoringCase("argon");

        Response deleted = api.delete(ownersOf(account.id()) + "/" + created.at("/owner/id"), server.operator());
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        assertThat(deleted.text()).isEqualTo("{}");
        assertThat(idsOf(api.get(ownersOf(account.id()), server.operator()).json().path("owners")))
                .containsExactly(second.at("/owner/id"));
        assertThat(api.delete(ownersOf(account.id()) + "/" + created.at("/owner/id"), server.operator()).status())
                .isEqualTo(404);
    }

    @Test
    void createsAnAccountWithItsFirstOwner() {
        String email = uniqueEmail();
        Response created = api.post("/admin/accounts", server.operator(),
                "{\"displayName\":\"With owner\",\"maxApps\":3,\"owner\":" + ownerBody(email, PASSWORD) + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(fieldNames(created.json())).containsExactlyInAnyOrder("account", "key", "owner");
        assertThat(created.at("/owner/email")).isEqualTo(email);
        assertThat(created.text()).doesNotContain(PASSWORD);
        Response owners = api.get(ownersOf(created.at("/account/id")), server.operator());
        assertThat(idsOf(owners.json().path("owners"))).containsExactly(created.at("/owner/id"));

        Response without = api.post("/admin/accounts", server.operator(), "{\"displayName\":\"No owner\"}");
        assertThat(fieldNames(without.json())).containsExactlyInAnyOrder("account", "key");
    }

    @Test
    void refusesAnEmailAnyOwnerHasWithConflictAndCreatesNothing() {
        AccountFixture first = createAccount("First", null);
        AccountFixture other = createAccount("Other", null);
        String email = uniqueEmail();
        assertThat(api.post(ownersOf(first.id()), server.operator(), ownerBody(email, PASSWORD)).status())
                .isEqualTo(201);

        for (String taken : List.of(email, email.toUpperCase(), "  " + email + " ")) {
            Response again = api.post(ownersOf(other.id()), server.operator(), ownerBody(taken, PASSWORD));
            assertThat(again.status()).as(again.toString()).isEqualTo(409);
            assertThat(again.errorCode()).isEqualTo("conflict");
        }
        assertThat(api.get(ownersOf(other.id()), server.operator()).json().path("owners")).isEmpty();

        int accountsBefore = accountCount();
        Response withTaken = api.post("/admin/accounts", server.operator(),
                "{\"displayName\":\"Taken\",\"owner\":" + ownerBody(email, PASSWORD) + "}");
        assertThat(withTaken.status()).as(withTaken.toString()).isEqualTo(409);
        assertThat(withTaken.errorCode()).isEqualTo("conflict");
        assertThat(accountCount()).as("no account half-made").isEqualTo(accountsBefore);
    }

    @Test
    void validatesOwnerBodies() {
        AccountFixture account = createAccount("Validated", null);
        List<String> invalid = List.of(
                "{}",
                "{\"email\":\"" + uniqueEmail() + "\"}",
                "{\"password\":\"" + PASSWORD + "\"}",
                ownerBody("not-an-email", PASSWORD),
                ownerBody("two@@example.com", PASSWORD),
                ownerBody("no-domain@example", PASSWORD),
                ownerBody("spaced out@example.com", PASSWORD),
                ownerBody("x".repeat(250) + "@example.com", PASSWORD),
                ownerBody(uniqueEmail(), "short pass1"),
                ownerBody(uniqueEmail(), "p".repeat(201)),
                "{\"email\":7,\"password\":\"" + PASSWORD + "\"}",
                "{\"email\":\"" + uniqueEmail() + "\",\"password\":123456789012345}",
                "{\"email\":null,\"password\":\"" + PASSWORD + "\"}",
                "{\"email\":\"" + uniqueEmail() + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"admin\"}",
                "[]");
        for (String body : invalid) {
            Response refused = api.post(ownersOf(account.id()), server.operator(), body);
            assertThat(refused.status()).as(body + ": " + refused).isEqualTo(400);
            assertThat(refused.errorCode()).isEqualTo("bad_request");
            assertThat(refused.text()).doesNotContain(PASSWORD);
        }
        for (String owner : List.of("null", "\"x\"", "{\"email\":\"" + uniqueEmail() + "\"}")) {
            Response refused = api.post("/admin/accounts", server.operator(),
                    "{\"displayName\":\"Bad owner\",\"owner\":" + owner + "}");
            assertThat(refused.status()).as(owner + ": " + refused).isEqualTo(400);
        }
        assertThat(api.get(ownersOf(account.id()), server.operator()).json().path("owners")).isEmpty();

        Response edges = api.post(ownersOf(account.id()), server.operator(), ownerBody(uniqueEmail(), "p".repeat(12)));
        assertThat(edges.status()).as(edges.toString()).isEqualTo(201);
        assertThat(api.post(ownersOf(account.id()), server.operator(), ownerBody(uniqueEmail(), "p".repeat(200)))
                .status()).isEqualTo(201);
    }

    @Test
    void answersUnknownAccountsAndOwnersWith404AndNeedsTheOperatorToken() {
        AccountFixture account = createAccount("Guarded", null);
        assertThat(api.post(ownersOf(MISSING), server.operator(), ownerBody(uniqueEmail(), PASSWORD)).status())
                .isEqualTo(404);
        assertThat(api.get(ownersOf(MISSING), server.operator()).status()).isEqualTo(404);
        assertThat(api.get(ownersOf("nope"), server.operator()).status()).isEqualTo(404);
        assertThat(api.delete(ownersOf(account.id()) + "/" + MISSING, server.operator()).status()).isEqualTo(404);
        assertThat(api.delete(ownersOf(account.id()) + "/nope", server.operator()).status()).isEqualTo(404);

        AccountFixture other = createAccount("Other", null);
        String othersOwner = api.post(ownersOf(other.id()), server.operator(), ownerBody(uniqueEmail(), PASSWORD))
                .at("/owner/id");
        assertThat(api.delete(ownersOf(account.id()) + "/" + othersOwner, server.operator()).status())
                .as("an owner of another account").isEqualTo(404);

        assertThat(api.get(ownersOf(account.id()), Auth.NONE).status()).isEqualTo(401);
        assertThat(api.get(ownersOf(account.id()), account.basic()).status()).isEqualTo(401);
        assertThat(api.post(ownersOf(account.id()), account.basic(), ownerBody(uniqueEmail(), PASSWORD)).status())
                .isEqualTo(401);
    }

    @Test
    void theOperatorSetsAnOwnersPasswordAndEndsAllTheirSessions() {
        OwnerFixture owner = createOwner(createAccount("Reset", null).id());
        DashboardClient first = dashboard().signedIn(owner.email(), owner.password());
        DashboardClient second = dashboard().signedIn(owner.email(), owner.password());
        String newPassword = "set by the operator";

        Response reset = api.put(passwordOf(owner), server.operator(), "{\"password\":\"" + newPassword + "\"}");
        assertThat(reset.status()).as(reset.toString()).isEqualTo(200);
        assertThat(reset.at("/owner/id")).isEqualTo(owner.id());
        assertThat(reset.at("/owner/email")).isEqualTo(owner.email());
        assertThat(reset.text()).doesNotContain(newPassword, owner.password()).doesNotContainIgnoringCase("argon");

        assertThat(first.get("/dashboard/account").status()).as("every session ended").isEqualTo(303);
        assertThat(second.get("/dashboard/account").status()).isEqualTo(303);
        assertThat(dashboard().signIn(owner.email(), owner.password()).status()).as("the old password").isEqualTo(401);
        assertThat(dashboard().signIn(owner.email(), newPassword).status()).as("the new password").isEqualTo(303);

        Response events = api.get("/admin/audit?filter[accountId]=" + owner.accountId(), server.operator());
        List<String> actions = new ArrayList<>();
        events.json().path("events").forEach(event -> actions.add(event.path("action").asText() + " "
                + event.path("actor").asText() + " " + event.path("targetId").asText()));
        assertThat(actions).contains("owner.password_reset operator " + owner.id());
        assertThat(events.text()).doesNotContain(newPassword);
    }

    @Test
    void refusesBadPasswordsAndOwnersOfOtherAccountsAndChangesNothing() {
        AccountFixture account = createAccount("Kept password", null);
        OwnerFixture owner = createOwner(account.id());
        OwnerFixture othersOwner = createOwner(createAccount("Other", null).id());
        DashboardClient session = dashboard().signedIn(owner.email(), owner.password());

        for (String body : List.of("{}", "{\"password\":\"short pass1\"}", "{\"password\":\"" + "p".repeat(201) + "\"}",
                "{\"password\":123456789012345}", "{\"password\":null}",
                "{\"password\":\"" + PASSWORD + "\",\"email\":\"x@acme.example\"}", "[]")) {
            Response refused = api.put(passwordOf(owner), server.operator(), body);
            assertThat(refused.status()).as(body + ": " + refused).isEqualTo(400);
            assertThat(refused.errorCode()).isEqualTo("bad_request");
            assertThat(refused.text()).doesNotContain(PASSWORD);
        }
        String body = "{\"password\":\"" + PASSWORD + "\"}";
        Map<String, Response> notFound = new LinkedHashMap<>();
        notFound.put("unknown owner", api.put(ownersOf(account.id()) + "/" + MISSING + "/password", server.operator(),
                body));
        notFound.put("malformed owner", api.put(ownersOf(account.id()) + "/nope/password", server.operator(), body));
        notFound.put("unknown account", api.put(ownersOf(MISSING) + "/" + owner.id() + "/password",
                server.operator(), body));
        notFound.put("another account's owner", api.put(ownersOf(account.id()) + "/" + othersOwner.id()
                + "/password", server.operator(), body));
        for (Map.Entry<String, Response> entry : notFound.entrySet()) {
            assertThat(entry.getValue().status()).as(entry.getKey() + ": " + entry.getValue()).isEqualTo(404);
            assertThat(entry.getValue().errorCode()).isEqualTo("not_found");
        }
        assertThat(api.put(passwordOf(owner), Auth.NONE, body).status()).isEqualTo(401);
        assertThat(api.put(passwordOf(owner), account.basic(), body).status()).isEqualTo(401);

        assertThat(session.get("/dashboard/account").status()).as("the session lives on").isEqualTo(200);
        assertThat(dashboard().signIn(owner.email(), owner.password()).status()).isEqualTo(303);
        assertThat(dashboard().signIn(othersOwner.email(), othersOwner.password()).status()).isEqualTo(303);
    }

    @Test
    void storesPasswordsOnlyAsArgon2idHashes() throws Exception {
        AccountFixture account = createAccount("Hashed", null);
        String id = api.post(ownersOf(account.id()), server.operator(), ownerBody(uniqueEmail(), PASSWORD))
                .at("/owner/id");
        try (Connection connection = server.connect();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT password_hash FROM account_owners WHERE id = ?")) {
            query.setString(1, id);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                String hash = row.getString(1);
                assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain(PASSWORD);
            }
        }
    }

    @Test
    void deletingTheAccountDeletesItsOwners() throws Exception {
        AccountFixture account = createAccount("Gone", null);
        String email = uniqueEmail();
        api.post(ownersOf(account.id()), server.operator(), ownerBody(email, PASSWORD));
        assertThat(api.delete("/admin/accounts/" + account.id(), server.operator()).status()).isEqualTo(200);
        AccountFixture next = createAccount("Next", null);
        assertThat(api.post(ownersOf(next.id()), server.operator(), ownerBody(email, PASSWORD)).status())
                .as("the email is free again").isEqualTo(201);
    }

    static String ownerBody(String email, String password) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
    }

    static String uniqueEmail() {
        return "owner-" + UUID.randomUUID().toString().substring(0, 8) + "@acme.example";
    }

    private static String passwordOf(OwnerFixture owner) {
        return ownersOf(owner.accountId()) + "/" + owner.id() + "/password";
    }

    private static String ownersOf(String accountId) {
        return "/admin/accounts/" + accountId + "/owners";
    }

    private int accountCount() {
        JsonNode page = api.get("/admin/accounts?page[size]=100", server.operator()).json();
        return page.path("accounts").size();
    }

}
