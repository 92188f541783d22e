package dev.parley.dashboard;

import java.util.Arrays;
import java.util.Optional;

/**
 * Confirmations shown after an action redirects. The URL names one of these by code, so a link can never make the
 * page say anything else.
 */
public enum Notice {
    SIGNED_OUT("signed-out", "You are signed out."),
    KEY_REVOKED("key-revoked", "The key is revoked. Requests made with it are refused from now on."),
    APP_CREATED("app-created", "The app is created."),
    APP_RENAMED("app-renamed", "The app is renamed."),
    APP_DELETED("app-deleted", "The app is deleted, and its keys with it."),
    SERVICE_ACCOUNT_CREATED("service-account-created", "The service account is created."),
    SERVICE_ACCOUNT_RENAMED("service-account-renamed", "The service account is renamed."),
    SERVICE_ACCOUNT_DELETED("service-account-deleted", "The service account is deleted, and its keys with it."),
    ACCESS_GRANTED("access-granted", "The service account can now reach the app."),
    ACCESS_REVOKED("access-revoked", "The service account can no longer reach the app."),
    INTEGRATION_CREATED("integration-created", "The integration is created with its webhook."),
    INTEGRATION_RENAMED("integration-renamed", "The integration is renamed."),
    INTEGRATION_DELETED("integration-deleted", "The integration is deleted, with its webhooks and keys."),
    WEBHOOK_UPDATED("webhook-updated", "The webhook is saved."),
    TEST_EVENT_SENT("test-event-sent", "A test event is on its way: its delivery is the newest in the log."),
    DELIVERY_RETRIED("delivery-retried", "The delivery is being sent again now."),
    SWITCHBOARD_SAVED("switchboard-saved", "The switchboard is saved."),
    PASSWORD_CHANGED("password-changed", "Your password is changed. Your other sessions are signed out."),
    MESSAGE_SENT("message-sent", "Your message is sent."),
    USER_DELETED("user-deleted", "The user is deleted, with their clients and personal conversations."),
    SETTINGS_SAVED("settings-saved", "The settings are saved."),
    METADATA_SAVED("metadata-saved", "The metadata is saved.");

    private final String code;
    private final String text;

    Notice(String code, String text) {
        this.code = code;
        this.text = text;
    }

    public String code() {
        return code;
    }

    public String text() {
        return text;
    }

    public static Optional<Notice> of(String code) {
        return Arrays.stream(values()).filter(notice -> notice.code.equals(code)).findFirst();
    }
}
