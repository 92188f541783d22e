package dev.parley.switchboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ApiTest;
import dev.parley.testing.DataPlane;
import dev.parley.testing.Race;
import dev.parley.testing.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The switchboard actions on a conversation (pass, offer, accept, release control): the state conversations show, the
 * events each records, the integration keys' limits, concurrent actions and isolation.
 */
class SwitchboardActionsApiTest extends ApiTest {
    private AccountFixture account;
    private String appId;
    private Switchboards app;
    private DataPlane data;
    private String switchboardId;
    private String botIntegration;
    private String agentIntegration;
    private String bot;
    private String agent;
    private String userId;
    private String conversationId;

    @BeforeEach
    void botAndAgent() {
        account = createAccount("Actions", null);
        appId = createApp(account.basic(), "Actions");
        app = new Switchboards(api, appId, account.basic());
        data = new DataPlane(api, appId, account.basic());
        userId = data.createUser("alice");
        String older = data.createConversation("personal", userId);
        switchboardId = app.createSwitchboard();
        botIntegration = app.createIntegration("Bot");
        agentIntegration = app.createIntegration("Agent");
        bot = app.link(switchboardId, "bot", botIntegration);
        agent = app.link(switchboardId, "{\"name\":\"agent\",\"integrationId\":\"" + agentIntegration
                + "\",\"nextSwitchboardIntegrationId\":\"" + bot + "\"}").path("id").asText();
        assertThat(app.conversation(older).has("activeSwitchboardIntegration")).as("while disabled").isFalse();
        app.enable(switchboardId, bot);
        assertThat(app.activeName(older)).as("a conversation older than the switchboard has the default")
                .isEqualTo("bot");
        conversationId = data.createConversation("sdkGroup", userId);
    }

    @Test
    void newConversationsHaveTheDefaultActiveInTheApiAndInTheirEvents() {
        JsonNode conversation = app.conversation(conversationId);
        assertThat(conversation.path("activeSwitchboardIntegration")).isEqualTo(json("{\"id\":\"" + bot
                + "\",\"name\":\"bot\",\"integrationId\":\"" + botIntegration + "\",\"integrationType\":\"custom\"}"));
        assertThat(conversation.has("pendingSwitchboardIntegration")).isFalse();
        JsonNode created = data.events("conversation:create").getLast();
        assertThat(created.at("/payload/conversation/activeSwitchboardIntegration/name").asText()).isEqualTo("bot");
        Response listed = data.get("/conversations?filter[userId]=" + userId);
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        listed.json().path("conversations").forEach(each ->
                assertThat(each.at("/activeSwitchboardIntegration/id").asText()).isEqualTo(bot));
    }

    @Test
    void passControlByIdByNameAndNextRecordsItsEventWithMetadata() {
        assertEmptyOk(app.act(conversationId, "passControl", "{\"switchboardIntegration\":\"" + agent
                + "\",\"metadata\":{\"reason\":\"needs a human\",\"priority\":2}}"));
        assertThat(app.activeName(conversationId)).isEqualTo("agent");
        JsonNode passed = data.events("switchboard:passControl").getLast();
        assertThat(passed.at("/payload/conversation/id").asText()).isEqualTo(conversationId);
        assertThat(passed.at("/payload/conversation/activeSwitchboardIntegration/id").asText()).isEqualTo(agent);
        assertThat(passed.at("/payload/metadata")).isEqualTo(json("{\"reason\":\"needs a human\",\"priority\":2}"));

        assertEmptyOk(app.act(conversationId, "passControl", "{\"switchboardIntegration\":\"next\"}"));
        assertThat(app.activeName(conversationId)).as("the agent's next").isEqualTo("bot");
        assertEmptyOk(app.act(conversationId, "passControl", "{\"switchboardIntegration\":\"agent\"}"));
        assertThat(app.activeName(conversationId)).as("by name").isEqualTo("agent");
        assertThat(data.events("switchboard:passControl")).hasSize(3);
        assertThat(data.events("switchboard:passControl").get(1).at("/payload").has("metadata")).isFalse();

        assertEmptyOk(app.act(conversationId, "passControl", "{\"switchboardIntegration\":\"agent\"}"));
        assertThat(data.events("switchboard:passControl")).as("passing to the one in control changes nothing")
                .hasSize(3);
    }

    @Test
    void aTargetThatDoesNotResolveRecordsTheFailureEventAndChangesNothing() {
        for (String target : List.of("nobody", "5ef21b86e933b7355c11c999")) {
            assertEmptyOk(app.act(conversationId, "passControl", "{\"switchboardIntegration\":\"" + target
                    + "\",\"metadata\":{\"try\":1}}"));
        }
        assertEmptyOk(app.act(conversationId, "passControl", "{\"switchboardIntegration\":\"next\"}"));
        List<JsonNode> failures = data.events("switchboard:passControl:failure");
        assertThat(failures).hasSize(3);
        assertThat(failures.get(0).at("/payload/error/code").asText()).isEqualTo("switchboard_invalid_target");
        assertThat(failures.get(0).at("/payload/metadata/try").asInt()).isEqualTo(1);
        assertThat(failures.get(2).at("/payload/error/message").asText()).contains("nextSwitchboardIntegrationId");
        assertThat(failures.get(0).at("/payload/conversation/activeSwitchboardIntegration/name").asText())
                .isEqualTo("bot");
        assertThat(app.activeName(conversationId)).isEqualTo("bot");
        assertThat(data.events("switchboard:passControl")).isEmpty();
    }

    @Test
    void offerThenAcceptHandsControlOverAndAnOfferVoidsTheOneBefore() {
        assertEmptyOk(app.act(conversationId, "offerControl", "{\"switchboardIntegration\":\"agent\","
                + "\"metadata\":{\"topic\":\"billing\"}}"));
        JsonNode conversation = app.conversation(conversationId);
        assertThat(conversation.at("/activeSwitchboardIntegration/name").asText()).isEqualTo("bot");
        assertThat(conversation.at("/pendingSwitchboardIntegration/name").asText()).isEqualTo("agent");
        JsonNode offered = data.events("switchboard:offerControl").getLast();
        assertThat(offered.at("/payload/conversation/pendingSwitchboardIntegration/id").asText()).isEqualTo(agent);
        assertThat(offered.at("/payload/conversation/activeSwitchboardIntegration/id").asText()).isEqualTo(bot);
        assertThat(offered.at("/payload/metadata/topic").asText()).isEqualTo("billing");

        assertEmptyOk(app.act(conversationId, "offerControl", "{\"switchboardIntegration\":\"bot\"}"));
        assertThat(data.events("switchboard:offerControl:failure").getLast().at("/payload/error/code").asText())
                .as("the active one cannot be offered control").isEqualTo("switchboard_invalid_action");
        assertThat(app.pendingName(conversationId)).isEqualTo("agent");

        assertEmptyOk(app.act(conversationId, "acceptControl", "{\"metadata\":{\"by\":\"agent\"}}"));
        assertThat(app.activeName(conversationId)).isEqualTo("agent");
        assertThat(app.pendingName(conversationId)).isNull();
        JsonNode accepted = data.events("switchboard:acceptControl").getLast();
        assertThat(accepted.at("/payload/conversation/activeSwitchboardIntegration/id").asText()).isEqualTo(agent);
        assertThat(accepted.at("/payload/conversation").has("pendingSwitchboardIntegration")).isFalse();
        assertThat(accepted.at("/payload/metadata/by").asText()).isEqualTo("agent");

        assertEmptyOk(app.act(conversationId, "acceptControl", null));
        JsonNode failure = data.events("switchboard:acceptControl:failure").getLast();
        assertThat(failure.at("/payload/error/code").asText()).isEqualTo("switchboard_invalid_action");
        assertThat(failure.at("/payload/error/message").asText()).isEqualTo("There is no pendingSwitchboardIntegration");
        assertThat(app.activeName(conversationId)).isEqualTo("agent");
    }

    @Test
    void afterAReleaseNoneIsInControlUntilTheNextUserMessageGivesItToTheDefault() {
        app.act(conversationId, "passControl", "{\"switchboardIntegration\":\"agent\"}");
        app.act(conversationId, "offerControl", "{\"switchboardIntegration\":\"bot\"}");
        assertEmptyOk(app.act(conversationId, "releaseControl", null));
        JsonNode conversation = app.conversation(conversationId);
        assertThat(conversation.has("activeSwitchboardIntegration")).isFalse();
        assertThat(conversation.has("pendingSwitchboardIntegration")).isFalse();
        JsonNode released = data.events("switchboard:releaseControl").getLast();
        assertThat(released.at("/payload/conversation").has("activeSwitchboardIntegration")).isFalse();

        post("{\"author\":{\"type\":\"business\"},\"content\":{\"type\":\"text\",\"text\":\"Anything else?\"}}");
        assertThat(app.activeName(conversationId)).as("a business message leaves it released").isNull();
        post("{\"author\":{\"type\":\"user\",\"userId\":\"" + userId + "\"},\"content\":{\"type\":\"text\","
                + "\"text\":\"Yes\"}}");
        assertThat(app.activeName(conversationId)).as("the next user message").isEqualTo("bot");

        assertEmptyOk(app.act(conversationId, "releaseControl", "{\"metadata\":{\"done\":true}}"));
        assertThat(data.events("switchboard:releaseControl").getLast().at("/payload/metadata/done").asBoolean())
                .isTrue();
    }

    @Test
    void integrationKeysAcceptOnlyWhilePendingAndReleaseOnlyWhileActive() {
        Switchboards asBot = app.as(app.createIntegrationKey(botIntegration).basic());
        Switchboards asAgent = app.as(app.createIntegrationKey(agentIntegration).jwt("integration"));

        assertError(asAgent.act(conversationId, "releaseControl", null), 403, "forbidden");
        assertError(asAgent.act(conversationId, "acceptControl", null), 403, "forbidden");
        assertEmptyOk(asBot.act(conversationId, "offerControl", "{\"switchboardIntegration\":\"agent\"}"));
        assertError(asBot.act(conversationId, "acceptControl", null), 403, "forbidden");
        assertEmptyOk(asAgent.act(conversationId, "acceptControl", "{}"));
        assertThat(app.activeName(conversationId)).isEqualTo("agent");
        assertError(asBot.act(conversationId, "releaseControl", null), 403, "forbidden");
        assertThat(app.activeName(conversationId)).as("refusals change nothing").isEqualTo("agent");

        assertEmptyOk(asAgent.act(conversationId, "passControl", "{\"switchboardIntegration\":\"next\"}"));
        assertEmptyOk(asAgent.act(conversationId, "passControl", "{\"switchboardIntegration\":\"next\"}"));
        assertThat(app.activeName(conversationId)).as("the agent's repeated next is ignored").isEqualTo("bot");
        assertThat(data.events("switchboard:passControl")).hasSize(1);
        assertEmptyOk(asBot.act(conversationId, "releaseControl", null));
        assertThat(app.activeName(conversationId)).isNull();
    }

    @Test
    void badBodiesAndAppsWithoutAnEnabledSwitchboardAnswer400AndRecordNothing() {
        for (String body : List.of("{}", "{\"switchboardIntegration\":5}", "{\"switchboardIntegration\":\"\"}",
                "{\"switchboardIntegration\":\"bot\",\"metadata\":{\"nested\":{}}}",
                "{\"switchboardIntegration\":\"bot\",\"colour\":\"red\"}", "[]")) {
            assertError(app.act(conversationId, "passControl", body), 400, "bad_request", body);
            assertError(app.act(conversationId, "offerControl", body), 400, "bad_request", body);
        }
        assertError(app.act(conversationId, "acceptControl", "{\"switchboardIntegration\":\"bot\"}"), 400,
                "bad_request");
        assertError(app.act(conversationId, "releaseControl", "{\"metadata\":\"x\"}"), 400, "bad_request");
        assertThat(app.patch("/switchboards/" + switchboardId, "{\"enabled\":false}").status()).isEqualTo(200);
        assertThat(app.conversation(conversationId).has("activeSwitchboardIntegration")).isFalse();
        for (String action : List.of("passControl", "offerControl", "acceptControl", "releaseControl")) {
            Response refused = app.act(conversationId, action, "{\"switchboardIntegration\":\"agent\"}"
                    .replace("\"switchboardIntegration\":\"agent\"", action.startsWith("pass")
                            || action.startsWith("offer") ? "\"switchboardIntegration\":\"agent\"" : ""));
            assertError(refused, 400, "bad_request", action);
            assertThat(refused.at("/errors/0/title")).contains("switchboard");
        }
        assertThat(data.get("/events?filter[type]=switchboard:passControl").json().path("events")).isEmpty();
        assertThat(app.as(account.basic()).get("/events").json().path("events").toString())
                .doesNotContain("switchboard:");
    }

    @Test
    void deletingTheActiveSwitchboardIntegrationLeavesItsConversationsToTheDefaultAtTheNextUserMessage() {
        app.act(conversationId, "passControl", "{\"switchboardIntegration\":\"agent\"}");
        String other = data.createConversation("sdkGroup", userId);
        app.act(other, "offerControl", "{\"switchboardIntegration\":\"agent\"}");
        assertEmptyOk(app.delete(app.integrationsPath(switchboardId) + "/" + agent));
        assertThat(app.activeName(conversationId)).isNull();
        assertThat(app.pendingName(other)).as("its offer is void").isNull();
        assertThat(app.activeName(other)).isEqualTo("bot");
        post("{\"author\":{\"type\":\"user\",\"userId\":\"" + userId + "\"},\"content\":{\"type\":\"text\","
                + "\"text\":\"Hello?\"}}");
        assertThat(app.activeName(conversationId)).isEqualTo("bot");
        assertThat(data.events("switchboard:passControl")).as("no event for the hand-back").hasSize(1);

        assertEmptyOk(app.delete("/switchboards/" + switchboardId));
        assertThat(app.conversation(conversationId).has("activeSwitchboardIntegration")).isFalse();
        String again = app.createSwitchboard();
        app.enable(again, app.link(again, "helper", agentIntegration));
        assertThat(app.activeName(conversationId)).as("older than the new switchboard: its default")
                .isEqualTo("helper");
    }

    @Test
    void concurrentActionsOnOneConversationLeaveOneStateTheEventsAgreeWith() throws Exception {
        List<String> actions = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            actions.add(switch (i % 4) {
                case 0 -> "passControl:agent";
                case 1 -> "offerControl:bot";
                case 2 -> "acceptControl:";
                default -> "passControl:bot";
            });
        }
        List<Response> answers = Race.of(actions.size(), i -> {
            String[] action = actions.get(i).split(":", -1);
            return app.act(conversationId, action[0], action[1].isEmpty() ? "{}"
                    : "{\"switchboardIntegration\":\"" + action[1] + "\"}");
        });
        assertThat(answers).extracting(Response::status).containsOnly(200);

        Response page = data.get("/events?page[size]=100");
        List<JsonNode> changes = new ArrayList<>();
        page.json().path("events").forEach(event -> {
            if (event.path("type").asText().startsWith("switchboard:")) {
                changes.add(event);
            }
        });
        assertThat(changes).hasSizeGreaterThanOrEqualTo(actions.size() / 2);
        JsonNode last = changes.getLast().at("/payload/conversation");
        JsonNode now = app.conversation(conversationId);
        assertThat(now.path("activeSwitchboardIntegration")).as("the last event shows the state left")
                .isEqualTo(last.path("activeSwitchboardIntegration"));
        assertThat(now.path("pendingSwitchboardIntegration")).isEqualTo(last.path("pendingSwitchboardIntegration"));
        for (int i = 1; i < changes.size(); i++) {
            assertThat(changes.get(i).path("id").asText()).as("events in the conversation's one order")
                    .isGreaterThan(changes.get(i - 1).path("id").asText());
        }
    }

    @Test
    void passesRacingTheirTargetsDeletionLeaveNoConversationWithADeletedOneInControl() throws Exception {
        List<String> conversations = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            conversations.add(data.createConversation("sdkGroup", userId));
        }
        List<Response> answers = Race.of(conversations.size() + 1, i -> i == conversations.size()
                ? app.delete(app.integrationsPath(switchboardId) + "/" + agent)
                : app.act(conversations.get(i), "passControl", "{\"switchboardIntegration\":\"" + agent + "\"}"));
        assertThat(answers).extracting(Response::status).containsOnly(200);
        for (String each : conversations) {
            assertThat(app.activeName(each)).as("the bot, or none until the next user message").isIn("bot", null);
            Response posted = data.post("/conversations/" + each + "/messages", "{\"author\":{\"type\":\"user\","
                    + "\"userId\":\"" + userId + "\"},\"content\":{\"type\":\"text\",\"text\":\"Hello?\"}}");
            assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
            assertThat(app.activeName(each)).isEqualTo("bot");
        }
    }

    @Test
    void anotherAppsOrAccountsCallersFindNothing() {
        String otherApp = createApp(account.basic(), "Other");
        KeyFixture otherAppKey = createAppKey(account.basic(), otherApp, "other");
        Switchboards otherApps = new Switchboards(api, otherApp, account.basic());
        String otherIntegration = otherApps.createIntegration("Theirs");
        KeyFixture otherIntegrationKey = otherApps.createIntegrationKey(otherIntegration);
        AccountFixture stranger = createAccount("Stranger", null);
        for (var outsider : List.of(otherAppKey.basic(), otherIntegrationKey.basic(), stranger.basic())) {
            assertError(app.as(outsider).act(conversationId, "passControl", "{\"switchboardIntegration\":\"agent\"}"),
                    404, "app_not_found");
            assertError(app.as(outsider).act(conversationId, "releaseControl", null), 404, "app_not_found");
        }
        assertError(otherApps.act(conversationId, "passControl", "{\"switchboardIntegration\":\"agent\"}"), 404,
                "conversation_not_found");
        assertError(app.act("5ef21b86e933b7355c11c999", "releaseControl", null), 404, "conversation_not_found");
        assertThat(app.activeName(conversationId)).isEqualTo("bot");
    }

    private void post(String message) {
        Response posted = data.post("/conversations/" + conversationId + "/messages", message);
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
    }
}
