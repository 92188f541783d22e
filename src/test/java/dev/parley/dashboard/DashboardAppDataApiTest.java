package dev.parley.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ApiTest;
import dev.parley.testing.DashboardClient;
import dev.parley.testing.DataPlane;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The conversations, users and app settings pages at the HTTP level: another account's ids answer 404, every form
 * refuses a missing or wrong CSRF token, and neither changes anything.
 */
class DashboardAppDataApiTest extends ApiTest {
    private AccountFixture account;
    private DataPlane app;
    private String userId;
    private String conversationId;
    private DashboardClient owner;

    @BeforeEach
    void anAppWithAConversation() {
        account = createAccount("Owner of the data", null);
        app = new DataPlane(api, createApp(account.basic(), "Data"), account.basic());
        userId = app.createUser("customer-1");
        conversationId = app.createConversation("personal", userId);
        OwnerFixture fixture = createOwner(account.id());
        owner = dashboard().signedIn(fixture.email(), fixture.password());
    }

    private String appPath(String rest) {
        return "/dashboard/apps/" + app.appId() + rest;
    }

    @Test
    void anOwnerOfAnotherAccountReachesNoneOfItsPagesAndChangesNothing() {
        OwnerFixture stranger = createOwner(createAccount("Stranger", null).id());
        DashboardClient other = dashboard().signedIn(stranger.email(), stranger.password());
        String csrf = other.get("/dashboard/account").csrf();
        for (String page : List.of("/conversations", "/conversations?user=customer-1",
                "/conversations/" + conversationId, "/users", "/users?user=customer-1", "/users/" + userId,
                "/users/" + userId + "/delete", "/settings")) {
            DashboardClient.Page answer = other.get(appPath(page));
            assertThat(answer.status()).as(page).isEqualTo(404);
            assertThat(answer.body()).as(page).contains("App not found").doesNotContain("customer-1");
        }
        for (Map.Entry<String, Map<String, String>> post : Map.of(
                "/conversations/" + conversationId + "/messages", Map.of("csrf", csrf, "text", "Hello"),
                "/users/" + userId + "/delete", Map.of("csrf", csrf),
                "/settings", Map.of("csrf", csrf, "echoPostback", "true"),
                "/metadata", Map.of("csrf", csrf, "key", "stolen", "value", "yes", "type", "text")).entrySet()) {
            assertThat(other.post(appPath(post.getKey()), post.getValue()).status()).as(post.getKey())
                    .isEqualTo(404);
        }
        assertNothingChanged();
    }

    @Test
    void aConversationOrUserOfAnotherAppOfTheSameOwnerIsNotFound() {
        String otherApp = createApp(account.basic(), "Other app");
        DashboardClient.Page conversation = owner.get("/dashboard/apps/" + otherApp + "/conversations/"
                + conversationId);
        assertThat(conversation.status()).isEqualTo(404);
        assertThat(conversation.body()).contains("Conversation not found");
        assertThat(owner.get("/dashboard/apps/" + otherApp + "/users/" + userId).status()).isEqualTo(404);
        DashboardClient.Page search = owner.get("/dashboard/apps/" + otherApp + "/users?user=customer-1");
        assertThat(search.status()).isEqualTo(404);
        assertThat(search.body()).contains("id=\"user-lookup-error\"")
                .contains("No user of this app has the id or external id “customer-1”.");
    }

    @Test
    void everyFormRefusesAMissingOrWrongCsrfToken() {
        for (String csrf : new String[] {null, "forged-token"}) {
            for (Map.Entry<String, Map<String, String>> post : Map.of(
                    "/conversations/" + conversationId + "/messages", Map.of("text", "Hello"),
                    "/users/" + userId + "/delete", Map.<String, String>of(),
                    "/settings", Map.of("echoPostback", "true"),
                    "/metadata", Map.of("key", "forged", "value", "yes", "type", "text")).entrySet()) {
                Map<String, String> form = new java.util.HashMap<>(post.getValue());
                if (csrf != null) {
                    form.put("csrf", csrf);
                }
                DashboardClient.Page answer = owner.post(appPath(post.getKey()), form);
                assertThat(answer.status()).as(post.getKey() + " with " + csrf).isEqualTo(403);
                assertThat(answer.body()).contains("Nothing was changed");
            }
        }
        assertNothingChanged();
    }

    @Test
    void theFormsChangeThroughTheServicesAndShowTheirErrorsNextToTheirFields() {
        String csrf = owner.get(appPath("/settings")).csrf();

        DashboardClient.Page blank = owner.post(appPath("/conversations/" + conversationId + "/messages"),
                Map.of("csrf", csrf, "text", "   "));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.body()).contains("id=\"reply-text-error\">Write the message first.<");
        DashboardClient.Page tooLong = owner.post(appPath("/conversations/" + conversationId + "/messages"),
                Map.of("csrf", csrf, "text", "x".repeat(4097)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body()).contains("content.text must be at most 4096 characters.");

        DashboardClient.Page wrongType = owner.post(appPath("/settings"),
                Map.of("csrf", csrf, "conversationRetentionSeconds", "an hour", "echoPostback", "true"));
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.body())
                .contains("id=\"setting-conversationRetentionSeconds-error\">Must be an integer from 0 to "
                        + "2147483647.<")
                .contains("value=\"an hour\"");
        DashboardClient.Page notANumber = owner.post(appPath("/metadata"),
                Map.of("csrf", csrf, "key", "seats", "value", "many", "type", "number"));
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.body()).contains("id=\"metadata-error\">The value of “seats” is not a number.<");
        assertNothingChanged();

        DashboardClient.Page reply = owner.post(appPath("/conversations/" + conversationId + "/messages"),
                Map.of("csrf", csrf, "text", "We are on it"));
        assertThat(reply.status()).isEqualTo(303);
        assertThat(reply.location()).isEqualTo(appPath("/conversations/" + conversationId
                + "?notice=message-sent#reply-title"));
        var messages = app.get("/conversations/" + conversationId + "/messages").json().path("messages");
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).at("/author/type").asText()).isEqualTo("business");
        assertThat(messages.get(0).at("/content/text").asText()).isEqualTo("We are on it");

        DashboardClient.Page saved = owner.post(appPath("/metadata"), Map.of("csrf", csrf, "key", "seats",
                "value", "12", "type", "number"));
        assertThat(saved.status()).isEqualTo(303);
        assertThat(app.get("").json().at("/app/metadata").toString()).isEqualTo("{\"seats\":12}");
    }

    @Test
    void aConversationPageLinksAndLoadsOnlyHttpAndImageDataUrlsAndEscapesWhatUsersWrote() {
        app.created("/conversations/" + conversationId + "/messages", "{\"author\":{\"type\":\"user\",\"userId\":\""
                + userId + "\"},\"content\":{\"type\":\"image\",\"mediaUrl\":\"javascript:alert(1)\","
                + "\"text\":\"<script>alert(2)</script>\",\"actions\":[{\"type\":\"link\",\"text\":\"Open\","
                + "\"uri\":\"javascript:alert(3)\"},{\"type\":\"link\",\"text\":\"Shop\","
                + "\"uri\":\"https://shop.example/\"}]}}");
        DashboardClient.Page page = owner.get(appPath("/conversations/" + conversationId));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("javascript:").doesNotContain("<script>alert")
                .contains("&lt;script&gt;alert(2)&lt;/script&gt;").contains("href=\"https://shop.example/\"")
                .contains("An image (its address cannot be shown).");
    }

    @Test
    void theConversationsListPagesMostRecentlyActiveFirstWithoutLosingOrRepeatingAny() {
        List<String> created = new java.util.ArrayList<>(List.of(conversationId));
        for (int i = 0; i < PageLinks.PAGE_SIZE + 1; i++) {
            created.add(app.createConversation("sdkGroup", userId));
        }
        app.created("/conversations/" + conversationId + "/messages", "{\"author\":{\"type\":\"business\"},"
                + "\"content\":{\"type\":\"text\",\"text\":\"Back again\"}}");

        DashboardClient.Page first = owner.get(appPath("/conversations"));
        List<String> firstIds = listedConversations(first);
        assertThat(firstIds).hasSize(PageLinks.PAGE_SIZE);
        assertThat(firstIds.get(0)).as("the one with the newest message").isEqualTo(conversationId);
        java.util.regex.Matcher older = java.util.regex.Pattern.compile("href=\"([^\"]*\\?older=[^\"]*)\" rel=\"next\"")
                .matcher(first.body());
        assertThat(older.find()).as(first.body()).isTrue();
        DashboardClient.Page second = owner.get(older.group(1).replace("&amp;", "&"));
        List<String> secondIds = listedConversations(second);
        assertThat(secondIds).hasSize(created.size() - PageLinks.PAGE_SIZE).doesNotContainAnyElementsOf(firstIds);
        List<String> all = new java.util.ArrayList<>(firstIds);
        all.addAll(secondIds);
        assertThat(all).containsExactlyInAnyOrderElementsOf(created);
        assertThat(second.body()).doesNotContain("rel=\"next\"");
        java.util.regex.Matcher newer = java.util.regex.Pattern.compile("href=\"([^\"]*\\?newer=[^\"]*)\" rel=\"prev\"")
                .matcher(second.body());
        assertThat(newer.find()).as(second.body()).isTrue();
        DashboardClient.Page back = owner.get(newer.group(1).replace("&amp;", "&"));
        assertThat(listedConversations(back)).as("back to the first page").isEqualTo(firstIds);
        assertThat(back.body()).as("the first page has none before it").doesNotContain("rel=\"prev\"")
                .contains("rel=\"next\"");

        DashboardClient.Page bad = owner.get(appPath("/conversations?older=not-a-cursor"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("The page cursor is not one this server gave.");
    }

    private static List<String> listedConversations(DashboardClient.Page page) {
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        return java.util.regex.Pattern.compile("<td data-label=\"Conversation\"><a href=\"[^\"]*/conversations/"
                + "([0-9a-f]{24})\"").matcher(page.body()).results().map(match -> match.group(1)).toList();
    }

    private void assertNothingChanged() {
        assertThat(app.get("/conversations/" + conversationId + "/messages").json().path("messages")).isEmpty();
        assertThat(app.get("/users/" + userId).status()).isEqualTo(200);
        var stored = app.get("").json().path("app");
        assertThat(stored.at("/settings/echoPostback").asBoolean()).isFalse();
        assertThat(stored.at("/settings/conversationRetentionSeconds").isMissingNode()).isTrue();
        assertThat(stored.path("metadata").isNull() || stored.path("metadata").isMissingNode()
                || stored.path("metadata").isEmpty()).as(stored.toString()).isTrue();
    }
}
