package dev.parley.switchboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ApiTest;
import dev.parley.testing.DataPlane;
import dev.parley.testing.Response;
import dev.parley.webhooks.WebhookReceiver;
import dev.parley.webhooks.WebhookReceiver.Received;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who hears what, end to end: a "bot" and an "agent" custom integration linked to the app's switchboard, and an
 * "observer" integration that is not, each with a webhook to a real receiver on loopback. The bot passes a
 * conversation to the agent, the agent releases it, the bot offers it and the agent accepts; each receiver gets
 * exactly the events the README's rule says, in the conversation's order. Deliveries of one webhook arrive in the
 * conversation's order, so once a receiver has the last event it hears, what it has not got it never will.
 */
class SwitchboardDeliveryApiTest extends ApiTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TRIGGERS = "[\"conversation:create\",\"conversation:message\",\"conversation:remove\","
            + "\"switchboard:passControl\",\"switchboard:offerControl\",\"switchboard:acceptControl\","
            + "\"switchboard:releaseControl\",\"switchboard:acceptControl:failure\"]";

    private final WebhookReceiver botReceiver = new WebhookReceiver();
    private final WebhookReceiver agentReceiver = new WebhookReceiver();
    private final WebhookReceiver observerReceiver = new WebhookReceiver();
    private Switchboards app;
    private DataPlane data;
    private String switchboardId;
    private String bot;
    private Switchboards asBot;
    private Switchboards asAgent;
    private String userId;

    @BeforeEach
    void botAgentAndObserver() {
        AccountFixture account = createAccount("Who hears what", null);
        String appId = createApp(account.basic(), "Who hears what");
        app = new Switchboards(api, appId, account.basic());
        data = new DataPlane(api, appId, account.basic());
        String botIntegration = integration("Bot", botReceiver);
        String agentIntegration = integration("Agent", agentReceiver);
        integration("Observer", observerReceiver);
        switchboardId = app.createSwitchboard();
        bot = app.link(switchboardId, "{\"name\":\"bot\",\"integrationId\":\"" + botIntegration
                + "\",\"deliverStandbyEvents\":false}").path("id").asText();
        app.link(switchboardId, "{\"name\":\"agent\",\"integrationId\":\"" + agentIntegration
                + "\",\"deliverStandbyEvents\":false,\"nextSwitchboardIntegrationId\":\"" + bot + "\"}");
        app.enable(switchboardId, bot);
        asBot = app.as(app.createIntegrationKey(botIntegration).basic());
        asAgent = app.as(app.createIntegrationKey(agentIntegration).jwt("integration"));
        userId = data.createUser("alice");
    }

    @AfterEach
    void closeReceivers() {
        botReceiver.close();
        agentReceiver.close();
        observerReceiver.close();
    }

    @Test
    void eachIntegrationHearsWhatItHoldsOrStandsByForAndEveryoneHearsTheHandOffs() throws Exception {
        String conversationId = data.createConversation("personal", userId);
        say(conversationId, "user", "Hi");
        assertEmptyOk(asBot.act(conversationId, "passControl", "{\"switchboardIntegration\":\"agent\","
                + "\"metadata\":{\"reason\":\"billing\"}}"));
        say(conversationId, "user", "I need a human");
        say(conversationId, "business", "Hello, I am Sam");
        assertEmptyOk(asAgent.act(conversationId, "releaseControl", null));
        say(conversationId, "user", "Thanks");
        assertEmptyOk(asBot.act(conversationId, "offerControl", "{\"switchboardIntegration\":\"agent\"}"));
        assertEmptyOk(asAgent.act(conversationId, "acceptControl", "{\"metadata\":{\"by\":\"Sam\"}}"));
        say(conversationId, "user", "One more thing");
        assertThat(app.patch(app.integrationsPath(switchboardId) + "/" + bot, "{\"deliverStandbyEvents\":true}")
                .status()).isEqualTo(200);
        say(conversationId, "user", "Still there?");
        assertThat(app.patch("/switchboards/" + switchboardId, "{\"enabled\":false}").status()).isEqualTo(200);
        say(conversationId, "user", "Bye");

        assertThat(heard(botReceiver, 9)).containsExactly("conversation:create", "message Hi",
                "switchboard:passControl agent", "switchboard:releaseControl", "message Thanks",
                "switchboard:offerControl bot", "switchboard:acceptControl agent", "message Still there?",
                "message Bye");
        assertThat(heard(agentReceiver, 9)).containsExactly("switchboard:passControl agent",
                "message I need a human", "message Hello, I am Sam", "switchboard:releaseControl",
                "switchboard:offerControl bot", "switchboard:acceptControl agent", "message One more thing",
                "message Still there?", "message Bye");
        assertThat(heard(observerReceiver, 12)).as("an integration not linked to the switchboard hears everything")
                .containsExactly("conversation:create", "message Hi", "switchboard:passControl agent",
                        "message I need a human", "message Hello, I am Sam", "switchboard:releaseControl",
                        "message Thanks", "switchboard:offerControl bot", "switchboard:acceptControl agent",
                        "message One more thing", "message Still there?", "message Bye");

        JsonNode passed = agentReceiver.received().get(0).event();
        assertThat(passed.at("/payload/conversation/activeSwitchboardIntegration/name").asText()).isEqualTo("agent");
        assertThat(passed.at("/payload/metadata/reason").asText()).isEqualTo("billing");
        JsonNode accepted = agentReceiver.received().get(5).event();
        assertThat(accepted.at("/payload/metadata/by").asText()).isEqualTo("Sam");
    }

    @Test
    void withNoneInControlOnlyThoseStandingByWithStandbyEventsHearAndARemovalReachesEveryone() throws Exception {
        assertThat(app.patch(app.integrationsPath(switchboardId) + "/" + bot, "{\"deliverStandbyEvents\":true}")
                .status()).isEqualTo(200);
        String conversationId = data.createConversation("sdkGroup", userId);
        assertEmptyOk(app.act(conversationId, "releaseControl", null));
        say(conversationId, "business", "Anyone?");
        assertEmptyOk(app.act(conversationId, "acceptControl", null));
        Response removed = app.delete("/conversations/" + conversationId);
        assertThat(removed.status()).as(removed.toString()).isEqualTo(200);

        assertThat(heard(botReceiver, 5)).containsExactly("conversation:create", "switchboard:releaseControl",
                "message Anyone?", "switchboard:acceptControl:failure", "conversation:remove");
        assertThat(heard(agentReceiver, 3)).as("the agent stands by without standby events")
                .containsExactly("switchboard:releaseControl", "switchboard:acceptControl:failure",
                        "conversation:remove");
    }

    private String integration(String name, WebhookReceiver receiver) {
        Response created = app.post("/integrations", "{\"type\":\"custom\",\"displayName\":\"" + name
                + "\",\"webhooks\":[{\"target\":\"" + receiver.url() + "\",\"triggers\":" + TRIGGERS + "}]}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.at("/integration/id");
    }

    private void say(String conversationId, String author, String text) {
        String authorJson = author.equals("user") ? "{\"type\":\"user\",\"userId\":\"" + userId + "\"}"
                : "{\"type\":\"business\"}";
        Response posted = data.post("/conversations/" + conversationId + "/messages", "{\"author\":" + authorJson
                + ",\"content\":{\"type\":\"text\",\"text\":\"" + text + "\"}}");
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
    }

    /**
     * What the receiver heard once it has heard that many events: each event's type, with a message's text or, for
     * a hand-off, the name of the one in control after it.
     */
    private static List<String> heard(WebhookReceiver receiver, int count) throws InterruptedException {
        receiver.await(count, WAIT);
        return receiver.received().stream().map(Received::event).map(event -> {
            String type = event.path("type").asText();
            if (type.equals("conversation:message")) {
                return "message " + event.at("/payload/message/content/text").asText();
            }
            if (type.startsWith("switchboard:") && !type.endsWith(":failure")
                    && !type.equals("switchboard:releaseControl")) {
                return type + " " + event.at("/payload/conversation/activeSwitchboardIntegration/name").asText();
            }
            return type;
        }).toList();
    }
}
