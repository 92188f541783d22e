package dev.parley.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ApiTest;
import dev.parley.testing.Response;
import org.junit.jupiter.api.Test;

/** GET /v2/apps/{appId}/events: who may read an app's event log, and its page parameters. */
class EventsApiTest extends ApiTest {

    @Test
    void eachKindOfKeyReadsTheEventLogOfTheAppsItReachesAndNoOther() {
        AccountFixture account = createAccount("Events", null);
        String app = createApp(account.basic(), "Events app");
        String otherApp = createApp(account.basic(), "Another app");
        KeyFixture appKey = createAppKey(account.basic(), app, "App key");
        String serviceAccount = createServiceAccount(account.basic(), "Deployment");
        KeyFixture serviceAccountKey = createServiceAccountKey(account.basic(), serviceAccount, "Deployment key");
        String grantedApp = created("/v2/apps", serviceAccountKey.basic(), "{\"displayName\":\"Its own\"}")
                .at("/app/id");
        AccountFixture stranger = createAccount("Stranger", null);

        Response empty = api.get("/v2/apps/" + app + "/events", account.basic());
        assertThat(empty.status()).as(empty.toString()).isEqualTo(200);
        assertThat(empty.json().path("events").isArray()).isTrue();
        assertThat(empty.json().path("events").size()).isZero();
        assertThat(empty.json().at("/meta/hasMore").asBoolean()).isFalse();

        assertThat(api.get("/v2/apps/" + app + "/events", account.jwt()).status()).isEqualTo(200);
        assertThat(api.get("/v2/apps/" + app + "/events", appKey.basic()).status()).isEqualTo(200);
        assertThat(api.get("/v2/apps/" + app + "/events", appKey.jwt("app")).status()).isEqualTo(200);
        assertThat(api.get("/v2/apps/" + grantedApp + "/events", serviceAccountKey.basic()).status()).isEqualTo(200);

        assertError(api.get("/v2/apps/" + otherApp + "/events", appKey.basic()), 404, "app_not_found");
        assertError(api.get("/v2/apps/" + app + "/events", serviceAccountKey.basic()), 404, "app_not_found");
        assertError(api.get("/v2/apps/" + app + "/events", stranger.basic()), 404, "app_not_found");
        assertError(api.get("/v2/apps/000000000000000000000000/events", account.basic()), 404, "app_not_found");
        assertThat(api.get("/v2/apps/" + app + "/events", null).status()).isEqualTo(401);
    }

    @Test
    void refusesBadPageAndFilterParameters() {
        AccountFixture account = createAccount("Events paging", null);
        String app = createApp(account.basic(), "Paged");
        assertError(api.get("/v2/apps/" + app + "/events?page[size]=0", account.basic()), 400, "bad_request");
        assertError(api.get("/v2/apps/" + app + "/events?page[after]=nope", account.basic()), 400, "bad_request");
        assertError(api.get("/v2/apps/" + app + "/events?filter%5Btype%5D=%3Cscript%3E", account.basic()), 400,
                "bad_request");
        Response filtered = api.get("/v2/apps/" + app + "/events?filter%5Btype%5D=conversation:message",
                account.basic());
        assertThat(filtered.status()).as(filtered.toString()).isEqualTo(200);
        assertThat(filtered.json().path("events").size()).isZero();
    }
}
