package dev.parley.messages.content;

import static dev.parley.messages.content.MessageContentTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.ApiException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MessagePostTest {
    private static final String TEXT = "\"content\":{\"type\":\"text\",\"text\":\"Hi\"}";
    private static final String USER_ID = "5963c0d619a30a2e00de36b8";

    @Test
    void readsAuthorsOfEitherType() {
        MessagePost business = post("{\"author\":{\"type\":\"business\",\"displayName\":\"Steve\","
                + "\"avatarUrl\":\"https://e.org/a.png\",\"subtypes\":[\"AI\"]}," + TEXT + ",\"metadata\":{\"k\":1}}");
        assertThat(business.author()).isEqualTo(new Author("business", List.of("AI"), null, null, null, "Steve",
                "https://e.org/a.png"));
        assertThat(business.metadata()).isEqualTo("{\"k\":1}");
        assertThat(business.silent()).isFalse();
        assertThat(post("{\"author\":{\"type\":\"user\",\"userExternalId\":\"ext\",\"brandId\":\"42\"}," + TEXT + "}")
                .author().userExternalId()).isEqualTo("ext");
        assertThat(post("{\"author\":{\"type\":\"user\",\"userId\":\"" + USER_ID + "\"}," + TEXT + "}")
                .author().isUser()).isTrue();
        assertThat(post("{\"author\":{\"type\":\"business\"}," + TEXT + ",\"destination\":{\"integrationType\":"
                + "\"none\"},\"override\":{\"apple\":{\"payload\":{},\"withCapabilities\":[\"LIST\"]},"
                + "\"whatsapp\":{\"payload\":{\"a\":1}}}}").silent()).isTrue();
    }

    static Stream<Arguments> invalidBodies() {
        return Stream.of(
                Arguments.of("{" + TEXT + "}", "author is required"),
                Arguments.of("{\"author\":{\"type\":\"business\"}}", "content is required"),
                Arguments.of("{\"author\":{\"type\":\"business\"}," + TEXT + ",\"extra\":1}", "unknown property 'extra'"),
                Arguments.of("{\"author\":{\"type\":\"bot\"}," + TEXT + "}", "author.type must be one of business, user"),
                Arguments.of("{\"author\":{}," + TEXT + "}", "author.type is required"),
                Arguments.of("{\"author\":\"business\"," + TEXT + "}", "author must be an object"),
                Arguments.of("{\"author\":{\"type\":\"user\"}," + TEXT + "}", "exactly one of userId and userExternalId"),
                Arguments.of("{\"author\":{\"type\":\"user\",\"userId\":\"" + USER_ID + "\",\"userExternalId\":\"e\"}," + TEXT + "}", "exactly one of userId and userExternalId"),
                Arguments.of("{\"author\":{\"type\":\"user\",\"userId\":\"nope\"}," + TEXT + "}", "author.userId must be a user id"),
                Arguments.of("{\"author\":{\"type\":\"business\",\"userId\":\"" + USER_ID + "\"}," + TEXT + "}", "only for an author of type user"),
                Arguments.of("{\"author\":{\"type\":\"user\",\"userId\":\"" + USER_ID + "\",\"brandId\":\"1\"}," + TEXT + "}", "author.brandId is only given with"),
                Arguments.of("{\"author\":{\"type\":\"business\",\"avatarUrl\":\"https://e.org/" + "a".repeat(2048) + "\"}," + TEXT + "}", "author.avatarUrl must be 1 to 2048"),
                Arguments.of("{\"author\":{\"type\":\"business\",\"avatarUrl\":\"face.png\"}," + TEXT + "}", "author.avatarUrl must be an absolute URL"),
                Arguments.of("{\"author\":{\"type\":\"business\",\"subtypes\":[\"agent\"]}," + TEXT + "}", "author.subtypes[0] must be AI or activity"),
                Arguments.of("{\"author\":{\"type\":\"business\",\"subtypes\":[\"AI\",\"activity\"]}," + TEXT + "}", "author.subtypes must be an array of 1 to 1"),
                Arguments.of("{\"author\":{\"type\":\"business\",\"displayName\":5}," + TEXT + "}", "author.displayName must be a string"),
                Arguments.of("{\"author\":{\"type\":\"business\"}," + TEXT + ",\"metadata\":{\"a\":[1]}}", "metadata.a"),
                Arguments.of("{\"author\":{\"type\":\"business\"}," + TEXT + ",\"metadata\":{\"a\":\"" + "x".repeat(4100) + "\"}}", "Message metadata is limited to 4096 bytes"),
                Arguments.of("{\"author\":{\"type\":\"business\"}," + TEXT + ",\"schema\":\"whatsapp\"}", "schema"),
                Arguments.of("{\"author\":{\"type\":\"business\"}," + TEXT + ",\"destination\":{\"integrationType\":\"whatsapp\"}}", "destination"),
                Arguments.of("{\"author\":{\"type\":\"business\"}," + TEXT + ",\"destination\":{\"integrationId\":\"" + USER_ID + "\"}}", "destination"),
                Arguments.of("{\"author\":{\"type\":\"business\"}," + TEXT + ",\"destination\":{\"channel\":\"x\"}}", "unknown property 'channel'"),
                Arguments.of("{\"author\":{\"type\":\"user\",\"userId\":\"" + USER_ID + "\"}," + TEXT + ",\"destination\":{\"integrationType\":\"none\"}}", "destination is only for messages of a business author"),
                Arguments.of("{\"author\":{\"type\":\"business\"}," + TEXT + ",\"override\":{\"sms\":{}}}", "unknown property 'sms'"),
                Arguments.of("{\"author\":{\"type\":\"business\"}," + TEXT + ",\"override\":{\"line\":{\"payload\":\"x\"}}}", "override.line.payload must be an object"),
                Arguments.of("{\"author\":{\"type\":\"business\"}," + TEXT + ",\"override\":{\"apple\":{\"payload\":{},\"withCapabilities\":[\"MAP\"]}}}", "withCapabilities"));
    }

    @ParameterizedTest
    @MethodSource("invalidBodies")
    void refusesInvalidBodiesNamingTheField(String body, String titlePart) {
        assertThatThrownBy(() -> post(body)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.title()).contains(titlePart);
        });
    }

    @Test
    void activitiesOfAUserAreOnlyReads() {
        assertThat(ActivityPost.of((ObjectNode) json("{\"author\":{\"type\":\"business\"},\"type\":\"typing:start\"}"))
                .type()).isEqualTo("typing:start");
        assertThat(ActivityPost.of((ObjectNode) json("{\"author\":{\"type\":\"user\",\"userId\":\"" + USER_ID
                + "\"},\"type\":\"conversation:read\"}")).author().userId()).isEqualTo(USER_ID);
        for (String[] invalid : new String[][]{
                {"{\"author\":{\"type\":\"user\",\"userId\":\"" + USER_ID + "\"},\"type\":\"typing:start\"}",
                        "only post conversation:read"},
                {"{\"author\":{\"type\":\"business\"},\"type\":\"typing\"}", "type must be one of"},
                {"{\"author\":{\"type\":\"business\"}}", "type is required"},
                {"{\"type\":\"typing:stop\"}", "author is required"},
                {"{\"author\":{\"type\":\"business\"},\"type\":\"typing:stop\",\"at\":1}", "unknown property 'at'"}}) {
            assertThatThrownBy(() -> ActivityPost.of((ObjectNode) json(invalid[0])))
                    .as(invalid[0]).hasMessageContaining(invalid[1]);
        }
    }

    private static MessagePost post(String body) {
        return MessagePost.of((ObjectNode) json(body));
    }
}
