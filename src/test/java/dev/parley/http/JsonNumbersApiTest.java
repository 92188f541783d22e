package dev.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.parley.testing.ApiTest;
import dev.parley.testing.Response;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Numbers in request bodies: kept exactly as sent, but one a double cannot hold (which JSON readers would take as
 * Infinity, or refuse) is a 400 that names its field, wherever it is, and changes nothing.
 */
class JsonNumbersApiTest extends ApiTest {
    private static final ObjectMapper EXACT = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .build();
    private static final List<String> BEYOND_A_DOUBLE = List.of("1e400", "-1E+2147483647", "1.8e308", "-1.8E308",
            "1e2147483648", "0.1e-2147483647");

    @Test
    void refusesMetadataNumbersBeyondTheRangeOfADoubleOnV2NamingTheField() {
        AccountFixture account = createAccount("Numbers v2", null);
        String appId = created("/v2/apps", account.basic(), "{\"displayName\":\"Kept\",\"metadata\":{\"plan\":1}}")
                .at("/app/id");
        for (String number : BEYOND_A_DOUBLE) {
            assertOutOfRange(api.post("/v2/apps", account.basic(),
                    "{\"displayName\":\"Infinite\",\"metadata\":{\"seats\":2,\"plan\":" + number + "}}"),
                    "metadata.plan", number);
            assertOutOfRange(api.patch("/v2/apps/" + appId, account.basic(),
                    "{\"displayName\":\"Changed\",\"metadata\":{\"plan\":" + number + "}}"), "metadata.plan", number);
            assertOutOfRange(api.patch("/v2/apps/" + appId, account.basic(),
                    "{\"settings\":{\"conversationRetentionSeconds\":" + number + "}}"),
                    "settings.conversationRetentionSeconds", number);
        }
        Response app = api.get("/v2/apps/" + appId, account.basic());
        assertThat(app.at("/app/displayName")).isEqualTo("Kept");
        assertThat(app.json().at("/app/metadata").toString()).isEqualTo("{\"plan\":1}");
        assertThat(idsOf(api.get("/v2/apps", account.basic()).json().path("apps"))).containsExactly(appId);
    }

    @Test
    void refusesMetadataNumbersBeyondTheRangeOfADoubleOnV1NamingTheField() {
        AccountFixture account = createAccount("Numbers v1.1", null);
        String appId = createV1App(account.basic(), "Kept");
        for (String number : BEYOND_A_DOUBLE) {
            Response created = api.post("/v1.1/apps", account.basic(),
                    "{\"name\":\"Infinite\",\"metadata\":{\"plan\":" + number + "}}");
            assertOutOfRange(created, "metadata.plan", number);
            assertThat(created.at("/error/description")).as(number).contains("metadata.plan");
            assertOutOfRange(api.put("/v1.1/apps/" + appId, account.basic(),
                    "{\"metadata\":{\"plan\":" + number + "}}"), "metadata.plan", number);
        }
        Response app = api.get("/v1.1/apps/" + appId, account.basic());
        assertThat(app.json().at("/app/metadata").isNull()).as(app.toString()).isTrue();
        assertThat(idsOf(api.get("/v1.1/apps", account.basic()).json().path("apps"), "_id")).containsExactly(appId);
    }

    @Test
    void refusesNumbersBeyondTheRangeOfADoubleInAnyBody() {
        String before = api.get("/admin/accounts?page[size]=100", server.operator()).text();
        Response account = api.post("/admin/accounts", server.operator(),
                "{\"displayName\":\"Infinite plan\",\"maxApps\":1e400}");
        assertOutOfRange(account, "maxApps", "1e400");
        Response nested = api.post("/admin/accounts", server.operator(),
                "{\"displayName\":\"Nested\",\"x\":[1,{\"y\":-1e400}]}");
        assertOutOfRange(nested, "x[1].y", "-1e400");
        assertOutOfRange(api.post("/admin/accounts", server.operator(), "1e400"), "The request body", "1e400");
        assertThat(api.get("/admin/accounts?page[size]=100", server.operator()).text()).isEqualTo(before);
    }

    @Test
    void keepsHugeButFiniteNumbersAndLongIntegersExactlyAsSentOnBothVersions() throws IOException {
        AccountFixture account = createAccount("Exact numbers", null);
        String digits64 = "9".repeat(64);
        Map<String, String> sent = Map.of(
                "largest", "1.7976931348623157e308",
                "mostNegative", "-1.7976931348623157E+308",
                "roundsToTheLargest", "1.79769313486231578e308",
                "tiny", "4.9e-324",
                "belowTheSmallest", "1e-400",
                "precise", "0.1000000000000000055511151231257827",
                "beyondALong", "123456789012345678901234567890",
                "sixtyFourDigits", digits64);
        StringBuilder metadata = new StringBuilder("{");
        sent.forEach((name, number) -> metadata.append(metadata.length() > 1 ? "," : "")
                .append('"').append(name).append("\":").append(number));
        metadata.append('}');
        Response created = created("/v2/apps", account.basic(),
                "{\"displayName\":\"Exact\",\"metadata\":" + metadata + "}");
        String appId = created.at("/app/id");

        for (Response served : List.of(created, api.get("/v2/apps/" + appId, account.basic()),
                api.get("/v1.1/apps/" + appId, account.basic()))) {
            JsonNode servedMetadata = EXACT.readTree(served.text()).at("/app/metadata");
            sent.forEach((name, number) -> {
                assertThat(servedMetadata.path(name).isNumber()).as(name + " in " + served).isTrue();
                assertThat(servedMetadata.path(name).decimalValue()).as(name + " in " + served)
                        .isEqualByComparingTo(new BigDecimal(number));
                assertThat(Double.isFinite(Double.parseDouble(servedMetadata.path(name).asText())))
                        .as(name + " read as a double").isTrue();
            });
            assertThat(served.text()).contains("123456789012345678901234567890", digits64);
        }

        Response tooLong = api.post("/v2/apps", account.basic(),
                "{\"displayName\":\"Too long\",\"metadata\":{\"n\":" + digits64 + "9}}");
        assertThat(tooLong.status()).as(tooLong.toString()).isEqualTo(400);
        assertThat(tooLong.json().at("/errors/0/title").asText()).contains("longer than 64 characters");
        Response longRetention = api.patch("/v2/apps/" + appId, account.basic(),
                "{\"settings\":{\"conversationRetentionSeconds\":" + digits64 + "}}");
        assertThat(longRetention.status()).as(longRetention.toString()).isEqualTo(400);
        assertThat(longRetention.json().at("/errors/0/title").asText())
                .contains("settings.conversationRetentionSeconds");
        assertThat(idsOf(api.get("/v2/apps", account.basic()).json().path("apps"))).containsExactly(appId);
    }

    private static void assertOutOfRange(Response response, String field, String number) {
        assertThat(response.status()).as(number + ": " + response).isEqualTo(400);
        assertThat(response.errorCode()).as(number).isEqualTo("bad_request");
        assertThat(response.json().at("/errors/0/title").asText()).as(number)
                .startsWith(field + " is a number out of range");
    }
}
