package dev.parley.dashboard;

import dev.parley.conversations.ConversationService;
import dev.parley.integrations.IntegrationService;
import dev.parley.integrations.WebhookService;
import dev.parley.switchboards.SwitchboardService;
import dev.parley.webhooks.DeliveryLog;

/** The services behind the pages of an app's integrations, webhooks, delivery log and switchboard. */
public record InsideAppServices(IntegrationService integrations, WebhookService webhooks, DeliveryLog deliveries,
                                SwitchboardService switchboards, ConversationService conversations) {
}
