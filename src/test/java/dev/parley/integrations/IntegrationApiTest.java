package dev.parley.integrations;

import dev.parley.testing.ApiTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/** The tests of one app's integrations: a fresh account and app for each test, with a custom integration in it. */
abstract class IntegrationApiTest extends ApiTest {
    protected AccountFixture account;
    protected String appId;
    /** The app's integrations, as the account's key. */
    protected Integrations integrations;
    /** A custom integration of the app, with one webhook. */
    protected String integrationId;

    @BeforeEach
    void newIntegration() {
        account = createAccount(getClass().getSimpleName(), null);
        appId = createApp(account.basic(), getClass().getSimpleName());
        integrations = new Integrations(api, appId, account.basic());
        integrationId = integrations.create("Hooked");
    }

    /** The account's audit log, oldest first, as "action targetId by actor". */
    protected List<String> audited() {
        return Integrations.audited(api, server.operator(), account.id());
    }
}
