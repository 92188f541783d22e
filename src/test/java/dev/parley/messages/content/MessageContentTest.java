package dev.parley.messages.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.ApiException;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MessageContentTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LINK = "{\"type\":\"link\",\"text\":\"More\",\"uri\":\"https://example.org\"}";
    private static final String POSTBACK = "{\"type\":\"postback\",\"text\":\"Select\",\"payload\":\"TACOS\"}";
    private static final String ITEM = "{\"title\":\"Tacos\",\"description\":\"Today!\",\"actions\":[" + POSTBACK + ","
            + LINK + "]}";

    static Stream<Arguments> validContents() {
        return Stream.of(
                Arguments.of("{\"type\":\"text\",\"text\":\"Hello!\"}"),
                Arguments.of("{\"type\":\"text\",\"htmlText\":\"<b>Hi</b>\",\"blockChatInput\":true}"),
                Arguments.of("{\"type\":\"text\",\"markdownText\":\"# Hi\"}"),
                Arguments.of("{\"type\":\"text\",\"text\":\"" + "x".repeat(4096) + "\"}"),
                Arguments.of("{\"type\":\"text\",\"actions\":[" + String.join(",", LINK, POSTBACK,
                        "{\"type\":\"buy\",\"text\":\"Buy\",\"amount\":999,\"currency\":\"usd\"}",
                        "{\"type\":\"locationRequest\",\"text\":\"Where?\"}",
                        "{\"type\":\"reply\",\"text\":\"Yes\",\"payload\":\"Y\",\"iconUrl\":\"https://e.org/i.png\"}",
                        "{\"type\":\"webview\",\"text\":\"Open\",\"uri\":\"https://e.org\",\"fallback\":\"https://e.org\","
                                + "\"size\":\"tall\",\"openOnReceive\":true,\"default\":false,\"metadata\":{\"a\":1},"
                                + "\"extraChannelOptions\":{\"messenger\":{\"messenger_extensions\":true,"
                                + "\"webview_share_button\":\"hide\"}}}") + "]}"),
                Arguments.of("{\"type\":\"text\",\"text\":\"Choose\",\"payload\":\"P\"}"),
                Arguments.of("{\"type\":\"image\",\"mediaUrl\":\"https://e.org/i.jpg\",\"altText\":\"" + "a".repeat(128)
                        + "\",\"text\":\"Hi\",\"actions\":[" + LINK + "]}"),
                Arguments.of("{\"type\":\"file\",\"mediaUrl\":\"https://e.org/faq.pdf\",\"altText\":\"faq.pdf\"}"),
                Arguments.of("{\"type\":\"carousel\",\"items\":[" + ITEM + "],\"displaySettings\":"
                        + "{\"imageAspectRatio\":\"square\"}}"),
                Arguments.of("{\"type\":\"list\",\"items\":[" + ITEM + "],\"actions\":[" + POSTBACK + "]}"),
                Arguments.of("{\"type\":\"location\",\"coordinates\":{\"lat\":45.5,\"long\":-73.5},"
                        + "\"location\":{\"address\":\"5333 Casgrain\",\"name\":\"Office\"}}"),
                Arguments.of("{\"type\":\"form\",\"fields\":[{\"type\":\"text\",\"name\":\"n\",\"label\":\"Name?\","
                        + "\"placeholder\":\"Type\",\"minSize\":1,\"maxSize\":30},{\"type\":\"select\",\"name\":\"s\","
                        + "\"label\":\"Pick\",\"options\":[{\"label\":\"A\",\"name\":\"a\"}]}]}"),
                Arguments.of("{\"type\":\"form\",\"fields\":[{\"type\":\"email\",\"name\":\"e\",\"label\":\"Email?\","
                        + "\"minSize\":1,\"maxSize\":128},{\"type\":\"select\",\"name\":\"s\",\"label\":\"Pick\","
                        + "\"minSize\":1,\"maxSize\":128,\"options\":[{\"label\":\"A\",\"name\":\"a\"}]}]}"));
    }

    @ParameterizedTest
    @MethodSource("validContents")
    void acceptsEveryTypeThatCanBePosted(String content) {
        ObjectNode checked = MessageContent.check(json(content));
        json(content).fields().forEachRemaining(field ->
                assertThat(checked.get(field.getKey())).isEqualTo(field.getValue()));
    }

    static Stream<Arguments> invalidContents() {
        String item = ITEM;
        return Stream.of(
                Arguments.of("\"text\"", "content must be an object"),
                Arguments.of("{}", "content.type is required"),
                Arguments.of("{\"type\":\"video\"}", "content.type must be one of"),
                Arguments.of("{\"type\":\"formResponse\",\"fields\":[]}", "cannot be posted through the API"),
                Arguments.of("{\"type\":\"template\",\"template\":{}}", "WhatsApp"),
                Arguments.of("{\"type\":\"text\"}", "content.text is required unless"),
                Arguments.of("{\"type\":\"text\",\"text\":\"" + "x".repeat(4097) + "\"}", "content.text must be at most 4096"),
                Arguments.of("{\"type\":\"text\",\"htmlText\":\"" + "x".repeat(4097) + "\"}", "content.htmlText"),
                Arguments.of("{\"type\":\"text\",\"markdownText\":\"" + "x".repeat(4097) + "\"}", "content.markdownText"),
                Arguments.of("{\"type\":\"text\",\"htmlText\":\"a\",\"markdownText\":\"b\"}", "cannot be given together"),
                Arguments.of("{\"type\":\"text\",\"text\":1}", "content.text must be a string"),
                Arguments.of("{\"type\":\"text\",\"text\":null}", "content.text cannot be null"),
                Arguments.of("{\"type\":\"text\",\"text\":\"a\",\"blockChatInput\":\"true\"}", "content.blockChatInput must be a boolean"),
                Arguments.of("{\"type\":\"text\",\"text\":\"a\",\"colour\":\"red\"}", "unknown property 'colour'"),
                Arguments.of("{\"type\":\"text\",\"actions\":[{\"type\":\"call\",\"text\":\"a\"}]}", "content.actions[0].type must be one of"),
                Arguments.of("{\"type\":\"text\",\"actions\":[{\"type\":\"link\",\"text\":\"a\"}]}", "content.actions[0].uri is required"),
                Arguments.of("{\"type\":\"text\",\"actions\":[{\"type\":\"link\",\"text\":\"a\",\"uri\":\"not a url\"}]}", "content.actions[0].uri must be"),
                Arguments.of("{\"type\":\"text\",\"actions\":[{\"type\":\"link\",\"uri\":\"https://e.org\"}]}", "content.actions[0].text is required"),
                Arguments.of("{\"type\":\"text\",\"actions\":[{\"type\":\"postback\",\"text\":\"a\"}]}", "content.actions[0].payload is required"),
                Arguments.of("{\"type\":\"text\",\"actions\":[{\"type\":\"postback\",\"text\":\"a\",\"payload\":\"p\",\"uri\":\"https://e.org\"}]}", "unknown property 'uri'"),
                Arguments.of("{\"type\":\"text\",\"actions\":[{\"type\":\"buy\",\"text\":\"a\",\"amount\":9.99}]}", "content.actions[0].amount must be an integer"),
                Arguments.of("{\"type\":\"text\",\"actions\":[{\"type\":\"buy\",\"text\":\"a\",\"amount\":\"999\"}]}", "content.actions[0].amount must be an integer"),
                Arguments.of("{\"type\":\"text\",\"actions\":[{\"type\":\"buy\",\"text\":\"a\",\"amount\":9,\"currency\":\"dollars\"}]}", "currency"),
                Arguments.of("{\"type\":\"text\",\"actions\":[{\"type\":\"reply\",\"text\":\"a\",\"payload\":\"p\",\"iconUrl\":\"x\"}]}", "content.actions[0].iconUrl"),
                Arguments.of("{\"type\":\"text\",\"actions\":[{\"type\":\"webview\",\"text\":\"a\",\"uri\":\"https://e.org\"}]}", "content.actions[0].fallback is required"),
                Arguments.of("{\"type\":\"text\",\"actions\":[{\"type\":\"webview\",\"text\":\"a\",\"uri\":\"https://e.org\",\"fallback\":\"https://e.org\",\"size\":\"huge\"}]}", "content.actions[0].size must be one of"),
                Arguments.of("{\"type\":\"text\",\"actions\":[" + webviewOnReceive() + "," + webviewOnReceive() + "]}", "only one webview action"),
                Arguments.of("{\"type\":\"text\",\"actions\":[{\"type\":\"link\",\"text\":\"a\",\"uri\":\"https://e.org\",\"metadata\":{\"a\":{}}}]}", "content.actions[0].metadata.a"),
                Arguments.of("{\"type\":\"text\",\"actions\":[{\"type\":\"link\",\"text\":\"a\",\"uri\":\"https://e.org\",\"extraChannelOptions\":{\"line\":{}}}]}", "unknown property 'line'"),
                Arguments.of("{\"type\":\"image\"}", "content.mediaUrl is required"),
                Arguments.of("{\"type\":\"image\",\"mediaUrl\":\"https://e.org/" + "x".repeat(2048) + "\"}", "content.mediaUrl must be 1 to 2048"),
                Arguments.of("{\"type\":\"image\",\"mediaUrl\":\"https://e.org/i.jpg\",\"altText\":\"" + "a".repeat(129) + "\"}", "content.altText must be at most 128"),
                Arguments.of("{\"type\":\"image\",\"mediaUrl\":\"https://e.org/i.jpg\",\"mediaType\":\"image/jpeg\"}", "content.mediaType is read-only"),
                Arguments.of("{\"type\":\"file\",\"mediaUrl\":\"https://e.org/f.pdf\",\"mediaSize\":3}", "content.mediaSize is read-only"),
                Arguments.of("{\"type\":\"file\",\"mediaUrl\":\"https://e.org/f.pdf\",\"actions\":[" + LINK + "]}", "content.actions cannot be given with a file"),
                Arguments.of("{\"type\":\"carousel\",\"items\":[]}", "content.items must be an array of 1 to 10"),
                Arguments.of("{\"type\":\"carousel\",\"items\":[" + String.join(",", java.util.Collections.nCopies(11, item)) + "]}", "content.items must be an array of 1 to 10"),
                Arguments.of("{\"type\":\"carousel\",\"items\":[" + item + "],\"text\":\"x\"}", "content.text is read-only"),
                Arguments.of("{\"type\":\"carousel\",\"items\":[{\"title\":\"\",\"actions\":[" + LINK + "]}]}", "content.items[0].title must be 1 to 128"),
                Arguments.of("{\"type\":\"carousel\",\"items\":[{\"title\":\"" + "t".repeat(129) + "\",\"actions\":[" + LINK + "]}]}", "content.items[0].title must be 1 to 128"),
                Arguments.of("{\"type\":\"carousel\",\"items\":[{\"title\":\"t\",\"description\":\"" + "d".repeat(129) + "\",\"actions\":[" + LINK + "]}]}", "content.items[0].description"),
                Arguments.of("{\"type\":\"carousel\",\"items\":[{\"title\":\"t\",\"actions\":[]}]}", "content.items[0].actions must be an array of 1 to 3"),
                Arguments.of("{\"type\":\"carousel\",\"items\":[{\"title\":\"t\",\"actions\":[" + String.join(",", LINK, LINK, LINK, LINK) + "]}]}", "content.items[0].actions must be an array of 1 to 3"),
                Arguments.of("{\"type\":\"carousel\",\"items\":[{\"title\":\"t\",\"actions\":[{\"type\":\"reply\",\"text\":\"a\",\"payload\":\"p\"}]}]}", "content.items[0].actions[0].type must be one of buy, link, postback, webview"),
                Arguments.of("{\"type\":\"carousel\",\"items\":[{\"title\":\"t\",\"size\":\"huge\",\"actions\":[" + LINK + "]}]}", "content.items[0].size"),
                Arguments.of("{\"type\":\"carousel\",\"items\":[{\"title\":\"t\",\"mediaType\":\"" + "m".repeat(129) + "\",\"actions\":[" + LINK + "]}]}", "content.items[0].mediaType"),
                Arguments.of("{\"type\":\"carousel\",\"items\":[" + item + "],\"displaySettings\":{\"imageAspectRatio\":\"round\"}}", "content.displaySettings.imageAspectRatio"),
                Arguments.of("{\"type\":\"list\",\"items\":[" + item + "],\"actions\":[]}", "content.actions must be an array of 1 to 10"),
                Arguments.of("{\"type\":\"list\",\"items\":[" + item + "],\"actions\":[" + String.join(",", java.util.Collections.nCopies(11, LINK)) + "]}", "content.actions must be an array of 1 to 10"),
                Arguments.of("{\"type\":\"location\"}", "content.coordinates is required"),
                Arguments.of("{\"type\":\"location\",\"coordinates\":{\"lat\":45}}", "content.coordinates.long is required"),
                Arguments.of("{\"type\":\"location\",\"coordinates\":{\"lat\":\"45\",\"long\":1}}", "content.coordinates.lat must be a number"),
                Arguments.of("{\"type\":\"location\",\"coordinates\":{\"lat\":91,\"long\":1}}", "content.coordinates.lat must be a number from -90 to 90"),
                Arguments.of("{\"type\":\"location\",\"coordinates\":{\"lat\":1,\"long\":181}}", "content.coordinates.long"),
                Arguments.of("{\"type\":\"form\",\"fields\":[]}", "content.fields must be an array of 1 to 20"),
                Arguments.of("{\"type\":\"form\",\"fields\":[" + String.join(",", java.util.Collections.nCopies(21, "{\"type\":\"text\",\"name\":\"n\",\"label\":\"l\"}")) + "]}", "content.fields must be an array of 1 to 20"),
                Arguments.of("{\"type\":\"form\",\"fields\":[{\"type\":\"text\",\"name\":\"n\",\"label\":\"l\"},{\"type\":\"email\",\"name\":\"n\",\"label\":\"m\"}]}", "content.fields[1].name must be unique"),
                Arguments.of("{\"type\":\"form\",\"fields\":[{\"type\":\"date\",\"name\":\"n\",\"label\":\"l\"}]}", "content.fields[0].type must be one of"),
                Arguments.of("{\"type\":\"form\",\"fields\":[{\"type\":\"text\",\"label\":\"l\"}]}", "content.fields[0].name is required"),
                Arguments.of("{\"type\":\"form\",\"fields\":[{\"type\":\"text\",\"name\":\"n\"}]}", "content.fields[0].label is required"),
                Arguments.of("{\"type\":\"form\",\"fields\":[{\"type\":\"text\",\"name\":\"" + "n".repeat(129) + "\",\"label\":\"l\"}]}", "content.fields[0].name must be 1 to 128"),
                Arguments.of("{\"type\":\"form\",\"fields\":[{\"type\":\"text\",\"name\":\"n\",\"label\":\"l\",\"placeholder\":\"\"}]}", "content.fields[0].placeholder must be 1 to 128"),
                Arguments.of("{\"type\":\"form\",\"fields\":[{\"type\":\"text\",\"name\":\"n\",\"label\":\"l\",\"maxSize\":257}]}", "content.fields[0].maxSize must be an integer from 1 to 256"),
                Arguments.of("{\"type\":\"form\",\"fields\":[{\"type\":\"text\",\"name\":\"n\",\"label\":\"l\",\"minSize\":0}]}", "content.fields[0].minSize must be an integer from 1 to 256"),
                Arguments.of("{\"type\":\"form\",\"fields\":[{\"type\":\"text\",\"name\":\"n\",\"label\":\"l\",\"minSize\":40,\"maxSize\":30}]}", "cannot be more than maxSize"),
                Arguments.of("{\"type\":\"form\",\"fields\":[{\"type\":\"email\",\"name\":\"n\",\"label\":\"l\",\"format\":\"integer\"}]}", "content.fields[0].format applies only to fields of type text"),
                Arguments.of("{\"type\":\"form\",\"fields\":[{\"type\":\"select\",\"name\":\"n\",\"label\":\"l\",\"minSize\":40,\"maxSize\":30,\"options\":[{\"label\":\"a\",\"name\":\"a\"}]}]}", "content.fields[0].minSize cannot be more than maxSize"),
                Arguments.of("{\"type\":\"form\",\"fields\":[{\"type\":\"email\",\"name\":\"n\",\"label\":\"l\",\"maxSize\":257}]}", "content.fields[0].maxSize must be an integer from 1 to 256"),
                Arguments.of("{\"type\":\"form\",\"fields\":[{\"type\":\"select\",\"name\":\"n\",\"label\":\"l\"}]}", "content.fields[0].options is required"),
                Arguments.of("{\"type\":\"form\",\"fields\":[{\"type\":\"select\",\"name\":\"n\",\"label\":\"l\",\"options\":[" + String.join(",", java.util.Collections.nCopies(201, "{\"label\":\"a\",\"name\":\"a\"}")) + "]}]}", "content.fields[0].options must be an array of 1 to 200"),
                Arguments.of("{\"type\":\"form\",\"fields\":[{\"type\":\"select\",\"name\":\"n\",\"label\":\"l\",\"options\":[{\"label\":\"a\",\"name\":\"a\"},{\"label\":\"b\",\"name\":\"a\"}]}]}", "must be unique in the field"),
                Arguments.of("{\"type\":\"form\",\"fields\":[{\"type\":\"text\",\"name\":\"n\",\"label\":\"l\",\"options\":[]}]}", "applies only to fields of type select"),
                Arguments.of("{\"type\":\"form\",\"submitted\":true,\"fields\":[{\"type\":\"text\",\"name\":\"n\",\"label\":\"l\"}]}", "content.submitted is read-only"));
    }

    private static String webviewOnReceive() {
        return "{\"type\":\"webview\",\"text\":\"a\",\"uri\":\"https://e.org\",\"fallback\":\"https://e.org\","
                + "\"openOnReceive\":true}";
    }

    @ParameterizedTest
    @MethodSource("invalidContents")
    void refusesInvalidContentNamingTheField(String content, String titlePart) {
        assertThatThrownBy(() -> MessageContent.check(json(content)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.title()).contains(titlePart);
                });
    }

    @Test
    void carouselsAndListsGetUpstreamsFallbackText() {
        ObjectNode carousel = MessageContent.check(json("{\"type\":\"carousel\",\"items\":[" + ITEM + ","
                + "{\"title\":\"Ramen\",\"actions\":[" + LINK + "]}]}"));
        assertThat(carousel.path("text").asText())
                .isEqualTo("1. Tacos\nToday!\nMore: https://example.org\n\n2. Ramen\nMore: https://example.org");
        assertThat(MessageContent.check(json("{\"type\":\"list\",\"items\":[" + ITEM + "]}")).path("text").asText())
                .isEqualTo("1. Tacos\nToday!\nMore: https://example.org");
    }

    @Test
    void locationsGetAMapLinkAndFormsStartUnsubmitted() {
        assertThat(MessageContent.check(json("{\"type\":\"location\",\"coordinates\":{\"lat\":45.5261583,"
                + "\"long\":-73.595346}}")).path("text").asText())
                .isEqualTo("Location shared:\nhttps://maps.google.com/maps?q=45.5261583,-73.595346");
        JsonNode form = MessageContent.check(json("{\"type\":\"form\",\"fields\":[{\"type\":\"email\","
                + "\"name\":\"e\",\"label\":\"Email?\"}]}"));
        assertThat(form.path("submitted").isBoolean() && !form.path("submitted").booleanValue()).isTrue();
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
