package dev.parley.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zendesk.sunshine_conversations_client.ApiClient;
import com.zendesk.sunshine_conversations_client.ApiException;
import com.zendesk.sunshine_conversations_client.api.ConversationsApi;
import com.zendesk.sunshine_conversations_client.api.SwitchboardActionsApi;
import com.zendesk.sunshine_conversations_client.api.SwitchboardIntegrationsApi;
import com.zendesk.sunshine_conversations_client.api.SwitchboardsApi;
import com.zendesk.sunshine_conversations_client.model.AcceptControlBody;
import com.zendesk.sunshine_conversations_client.model.Conversation;
import com.zendesk.sunshine_conversations_client.model.OfferControlBody;
import com.zendesk.sunshine_conversations_client.model.PassControlBody;
import com.zendesk.sunshine_conversations_client.model.Switchboard;
import com.zendesk.sunshine_conversations_client.model.SwitchboardIntegration;
import com.zendesk.sunshine_conversations_client.model.SwitchboardIntegrationCreateBody;
import com.zendesk.sunshine_conversations_client.model.SwitchboardIntegrationUpdateBody;
import com.zendesk.sunshine_conversations_client.model.SwitchboardUpdateBody;
import dev.parley.testing.ApiTest;
import dev.parley.testing.DataPlane;
import dev.parley.testing.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The published Java client's {@link SwitchboardsApi}, {@link SwitchboardIntegrationsApi} and
 * {@link SwitchboardActionsApi} (9.4.6 has no releaseControl) against Parley: every method, as the client sends and
 * reads it, with an account key and with an integration key for the actions.
 */
class JavaClientSwitchboardsTest extends ApiTest {
    private final JavaClients clients = new JavaClients(api.baseUrl());

    @Test
    void everySwitchboardMethodWorks() throws ApiException {
        AccountFixture account = createAccount("Java client, switchboards", null);
        String appId = createApp(account.basic(), "Switchboards");
        ApiClient client = clients.basic(account.keyId(), account.secret());
        SwitchboardsApi switchboards = new SwitchboardsApi(client);
        SwitchboardIntegrationsApi linked = new SwitchboardIntegrationsApi(client);
        SwitchboardActionsApi actions = new SwitchboardActionsApi(client);
        String botIntegration = integration(appId, account, "Bot");
        String agentIntegration = integration(appId, account, "Agent");

        Switchboard switchboard = switchboards.createSwitchboard(appId).getSwitchboard();
        assertThat(switchboard.getId()).matches(HEX_ID);
        assertThat(switchboard.getEnabled()).isFalse();
        assertThat(switchboards.listSwitchboards(appId).getSwitchboards()).containsExactly(switchboard);
        String switchboardId = switchboard.getId();

        SwitchboardIntegration bot = linked.createSwitchboardIntegration(new SwitchboardIntegrationCreateBody()
                .name("bot").integrationId(botIntegration), appId, switchboardId).getSwitchboardIntegration();
        assertThat(bot.getId()).matches(HEX_ID);
        assertThat(bot.getName()).isEqualTo("bot");
        assertThat(bot.getIntegrationId()).isEqualTo(botIntegration);
        assertThat(bot.getIntegrationType()).isEqualTo("custom");
        assertThat(bot.getDeliverStandbyEvents()).isTrue();
        assertThat(bot.getNextSwitchboardIntegrationId()).isNull();
        SwitchboardIntegration agent = linked.createSwitchboardIntegration(new SwitchboardIntegrationCreateBody()
                .name("agent").integrationId(agentIntegration).deliverStandbyEvents(false)
                .nextSwitchboardIntegrationId(bot.getId()).messageHistoryCount(5), appId, switchboardId)
                .getSwitchboardIntegration();
        assertThat(agent.getDeliverStandbyEvents()).isFalse();
        assertThat(agent.getNextSwitchboardIntegrationId()).isEqualTo(bot.getId());
        assertThat(agent.getMessageHistoryCount()).isEqualTo(5);
        assertThat(linked.listSwitchboardIntegrations(appId, switchboardId).getSwitchboardIntegrations())
                .containsExactly(bot, agent);
        SwitchboardIntegration renamed = linked.updateSwitchboardIntegration(new SwitchboardIntegrationUpdateBody()
                .name("human"), appId, switchboardId, agent.getId()).getSwitchboardIntegration();
        assertThat(renamed.getName()).isEqualTo("human");
        // The 9.4.6 client sends "nextSwitchboardIntegrationId":null with every change: null unsets it, as upstream.
        assertThat(renamed.getNextSwitchboardIntegrationId()).isNull();
        assertThat(linked.updateSwitchboardIntegration(new SwitchboardIntegrationUpdateBody()
                .nextSwitchboardIntegrationId(bot.getId()), appId, switchboardId, agent.getId())
                .getSwitchboardIntegration().getName()).as("left as it was").isEqualTo("human");

        Switchboard enabled = switchboards.updateSwitchboard(new SwitchboardUpdateBody().enabled(true)
                .defaultSwitchboardIntegrationId(bot.getId()), appId, switchboardId).getSwitchboard();
        assertThat(enabled.getEnabled()).isTrue();
        assertThat(enabled.getDefaultSwitchboardIntegrationId()).isEqualTo(bot.getId());

        DataPlane data = new DataPlane(api, appId, account.basic());
        String conversationId = data.createConversation("personal", data.createUser("alice"));
        ConversationsApi conversations = new ConversationsApi(client);
        assertThat(active(conversations, appId, conversationId)).isEqualTo("bot");

        assertThat(actions.passControl(new PassControlBody().switchboardIntegration("human")
                .metadata(Map.of("reason", "human")), appId, conversationId)).isEqualTo(Map.of());
        assertThat(active(conversations, appId, conversationId)).isEqualTo("human");
        assertThat(actions.offerControl(new OfferControlBody().switchboardIntegration(bot.getId()), appId,
                conversationId)).isEqualTo(Map.of());
        Conversation offered = conversations.getConversation(appId, conversationId).getConversation();
        assertThat(offered.getPendingSwitchboardIntegration().getId()).isEqualTo(bot.getId());
        assertThat(offered.getPendingSwitchboardIntegration().getIntegrationId()).isEqualTo(botIntegration);

        Response keyed = api.post("/v2/apps/" + appId + "/integrations/" + agentIntegration + "/keys",
                account.basic(), "{\"displayName\":\"agent\"}");
        SwitchboardActionsApi asAgent = new SwitchboardActionsApi(clients.basic(keyed.at("/key/id"),
                keyed.at("/key/secret")));
        assertThatThrownBy(() -> asAgent.acceptControl(new AcceptControlBody(), appId, conversationId))
                .as("the agent is not the one offered control")
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(403));
        assertThat(actions.acceptControl(new AcceptControlBody().metadata(Map.of("by", "bot")), appId,
                conversationId)).isEqualTo(Map.of());
        assertThat(active(conversations, appId, conversationId)).isEqualTo("bot");

        assertThatThrownBy(() -> linked.deleteSwitchboardIntegration(appId, switchboardId, bot.getId()))
                .as("the default").isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode())
                        .isEqualTo(400));
        assertThat(linked.updateSwitchboardIntegration(new SwitchboardIntegrationUpdateBody()
                .nextSwitchboardIntegrationId(null), appId, switchboardId, agent.getId()).getSwitchboardIntegration()
                .getNextSwitchboardIntegrationId()).isNull();
        assertThat(linked.deleteSwitchboardIntegration(appId, switchboardId, agent.getId())).isEqualTo(Map.of());
        assertThat(switchboards.deleteSwitchboard(appId, switchboardId)).isEqualTo(Map.of());
        assertThat(switchboards.listSwitchboards(appId).getSwitchboards()).isEmpty();
        assertThatThrownBy(() -> linked.listSwitchboardIntegrations(appId, switchboardId))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(404));
    }

    private String active(ConversationsApi conversations, String appId, String conversationId) throws ApiException {
        return conversations.getConversation(appId, conversationId).getConversation().getActiveSwitchboardIntegration()
                .getName();
    }

    private static String integration(String appId, AccountFixture account, String name) {
        Response created = api.post("/v2/apps/" + appId + "/integrations", account.basic(), "{\"type\":\"custom\","
                + "\"displayName\":\"" + name + "\",\"webhooks\":[{\"target\":\"http://127.0.0.1:9/hook\","
                + "\"triggers\":[\"conversation:message\"]}]}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.at("/integration/id");
    }

    @AfterEach
    void closeClients() {
        clients.close();
    }
}
