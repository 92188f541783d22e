package dev.parley.dashboard;

import dev.parley.conversations.ConversationService;
import dev.parley.integrations.IntegrationService;
import dev.parley.integrations.WebhookService;
import dev.parley.messages.MessageService;
import dev.parley.users.UserService;
import dev.parley.switchboards.SwitchboardService;
import dev.parley.webhooks.DeliveryLog;

/** The services behind the pages inside an app: its data, integrations, webhooks, delivery log and switchboard. */
public record InsideAppServices(UserService users, ConversationService conversations, MessageService messages,
                                IntegrationService integrations, WebhookService webhooks, DeliveryLog deliveries,
                                SwitchboardService switchboards) {
}
