package dev.parley.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zendesk.sunshine_conversations_client.ApiClient;
import com.zendesk.sunshine_conversations_client.ApiException;
import com.zendesk.sunshine_conversations_client.api.CustomIntegrationApiKeysApi;
import com.zendesk.sunshine_conversations_client.api.IntegrationsApi;
import com.zendesk.sunshine_conversations_client.api.UsersApi;
import com.zendesk.sunshine_conversations_client.api.WebhooksApi;
import com.zendesk.sunshine_conversations_client.model.Custom;
import com.zendesk.sunshine_conversations_client.model.CustomUpdate;
import com.zendesk.sunshine_conversations_client.model.Integration;
import com.zendesk.sunshine_conversations_client.model.IntegrationApiKey;
import com.zendesk.sunshine_conversations_client.model.IntegrationListFilter;
import com.zendesk.sunshine_conversations_client.model.IntegrationListResponse;
import com.zendesk.sunshine_conversations_client.model.Page;
import com.zendesk.sunshine_conversations_client.model.Status;
import com.zendesk.sunshine_conversations_client.model.Webhook;
import com.zendesk.sunshine_conversations_client.model.WebhookBody;
import com.zendesk.sunshine_conversations_client.model.WebhookCreateBody;
import dev.parley.testing.ApiTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The published Java client's {@link IntegrationsApi}, {@link CustomIntegrationApiKeysApi} and {@link WebhooksApi}
 * against Parley, configured as its README says with only the base path and the credentials changed: every method,
 * as the client sends and reads it.
 */
class JavaClientIntegrationsTest extends ApiTest {
    private static final String TARGET = "http://127.0.0.1:9/hook";
    private static final String WEBHOOK_SECRET = "^whsec_[A-Za-z0-9+/]{43}=$";
    private final JavaClients clients = new JavaClients(api.baseUrl());

    @Test
    void everyIntegrationsKeysAndWebhooksMethodWorks() throws ApiException {
        AccountFixture account = createAccount("Java client, integrations", null);
        String appId = createApp(account.basic(), "Integrations");
        ApiClient client = clients.basic(account.keyId(), account.secret());
        IntegrationsApi integrations = new IntegrationsApi(client);
        CustomIntegrationApiKeysApi keys = new CustomIntegrationApiKeysApi(client);
        WebhooksApi webhooks = new WebhooksApi(client);

        Integration created = integrations.createIntegration(new Custom().webhooks(List.of(new Webhook()
                        .target(TARGET).triggers(List.of("conversation:message", "user:remove")).includeFullUser(true)))
                .displayName("Java bot"), appId).getIntegration();
        assertThat(created).isInstanceOf(Custom.class);
        Custom custom = (Custom) created;
        assertThat(custom.getId()).matches(HEX_ID);
        assertThat(custom.getType()).isEqualTo("custom");
        assertThat(custom.getStatus()).isEqualTo(Status.ACTIVE);
        assertThat(custom.getDisplayName()).isEqualTo("Java bot");
        Webhook webhook = custom.getWebhooks().get(0);
        assertThat(webhook.getId()).matches(HEX_ID);
        assertThat(webhook.getVersion()).isEqualTo("v2");
        assertThat(webhook.getTarget()).isEqualTo(TARGET);
        assertThat(webhook.getTriggers()).containsExactly("conversation:message", "user:remove");
        assertThat(webhook.getSecret()).matches(WEBHOOK_SECRET);
        assertThat(webhook.getIncludeFullUser()).isTrue();
        assertThat(webhook.getIncludeFullSource()).isFalse();
        String integrationId = custom.getId();

        assertThat(((Custom) integrations.getIntegration(appId, integrationId).getIntegration()).getWebhooks())
                .containsExactly(webhook);
        String second = integrations.createIntegration(new Custom().webhooks(List.of(new Webhook().target(TARGET)
                .triggers(List.of("conversation:read")))), appId).getIntegration().getId();
        IntegrationListResponse firstPage = integrations.listIntegrations(appId, new Page().size(1),
                new IntegrationListFilter().types("custom"));
        assertThat(firstPage.getIntegrations()).extracting(Integration::getId).containsExactly(integrationId);
        assertThat(firstPage.getMeta().getHasMore()).isTrue();
        assertThat(integrations.listIntegrations(appId, new Page().after(firstPage.getMeta().getAfterCursor()),
                null).getIntegrations()).extracting(Integration::getId).containsExactly(second);
        assertThat(integrations.listIntegrations(appId, null, new IntegrationListFilter().types("web,ios"))
                .getIntegrations()).isEmpty();
        CustomUpdate rename = new CustomUpdate();
        rename.setDisplayName("Renamed");
        assertThat(integrations.updateIntegration(rename, appId, integrationId)
                .getIntegration().getDisplayName()).isEqualTo("Renamed");

        var key = keys.createCustomIntegrationKey(new IntegrationApiKey().displayName("Java key"), appId,
                integrationId).getKey();
        assertThat(key.getId()).matches("^int_[0-9a-f]{24}$");
        assertThat(key.getDisplayName()).isEqualTo("Java key");
        assertThat(keys.listCustomIntegrationKeys(appId, integrationId).getKeys()).containsExactly(key);
        assertThat(keys.getCustomIntegrationKey(appId, integrationId, key.getId()).getKey()).isEqualTo(key);

        WebhooksApi asIntegration = new WebhooksApi(clients.basic(key.getId(), key.getSecret()));
        WebhookCreateBody body = new WebhookCreateBody();
        body.setTarget(TARGET);
        body.setTriggers(List.of("conversation:create"));
        body.setIncludeFullSource(true);
        Webhook made = asIntegration.createWebhook(body, appId, integrationId).getWebhook();
        assertThat(made.getSecret()).matches(WEBHOOK_SECRET);
        assertThat(made.getIncludeFullSource()).isTrue();
        assertThat(asIntegration.listWebhooks(appId, integrationId).getWebhooks()).containsExactly(webhook, made);
        assertThat(asIntegration.getWebhook(appId, integrationId, made.getId()).getWebhook()).isEqualTo(made);
        Webhook changed = asIntegration.updateWebhook(new WebhookBody().triggers(List.of("conversation:message",
                "conversation:typing")).includeFullUser(true), appId, integrationId, made.getId()).getWebhook();
        assertThat(changed.getTriggers()).containsExactly("conversation:message", "conversation:typing");
        assertThat(changed.getSecret()).isEqualTo(made.getSecret());
        assertThat(asIntegration.deleteWebhook(appId, integrationId, made.getId())).isEqualTo(Map.of());
        assertThatThrownBy(() -> asIntegration.listWebhooks(appId, second))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(403));
        assertThatThrownBy(() -> new IntegrationsApi(asIntegration.getApiClient()).listIntegrations(appId, null, null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(403));
        assertThat(webhooks.getWebhook(appId, integrationId, webhook.getId()).getWebhook()).isEqualTo(webhook);

        assertThat(keys.deleteCustomIntegrationKey(appId, integrationId, key.getId())).isEqualTo(Map.of());
        assertThatThrownBy(() -> new UsersApi(asIntegration.getApiClient()).getUser(appId, "nobody"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(401));
        assertThat(webhooks.deleteWebhook(appId, second, integrations.getIntegration(appId, second).getIntegration()
                instanceof Custom c ? c.getWebhooks().get(0).getId() : null)).isEqualTo(Map.of());
        assertThat(integrations.deleteIntegration(appId, integrationId)).isEqualTo(Map.of());
        assertThatThrownBy(() -> integrations.getIntegration(appId, integrationId))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(404));
    }

    @AfterEach
    void closeClients() {
        clients.close();
    }
}
