package dev.parley.messages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.Auth;
import dev.parley.testing.DataPlane;
import dev.parley.testing.Response;
import dev.parley.testing.TestDatabase;
import dev.parley.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Two Parley servers sharing one PostgreSQL, each with its own id generator (ids of the same second from two
 * servers sort by their random middle bytes, not by time): posts to one conversation through both still get ids
 * in the order in which they took the conversation's row, which pages and the event log agree on.
 */
class MessagesAcrossServersTest {
    private static final int POSTS = 40;

    @Test
    void postsThroughTwoServersKeepOneOrder() throws Exception {
        try (TestServer first = new TestServer(TestDatabase.POSTGRES);
             TestServer second = TestServer.sharing(first)) {
            Api one = first.api();
            JsonNode key = one.post("/admin/accounts", first.operator(), "{\"displayName\":\"Shared\"}").json()
                    .path("key");
            Auth accountKey = Auth.basic(key.path("id").asText(), key.path("secret").asText());
            DataPlane app = new DataPlane(one, one.post("/v2/apps", accountKey, "{\"displayName\":\"Shared app\"}")
                    .at("/app/id"), accountKey);
            String conversation = app.createConversation("personal", app.createUser("shared-user"));
            String messages = app.path("/conversations/" + conversation + "/messages");

            // One after the other, alternately through each server: each message sorts after the one before it,
            // so a reader paging forward from the last message it saw misses none.
            String previous = "";
            for (int i = 0; i < 20; i++) {
                Api through = i % 2 == 0 ? one : second.api();
                String id = through.post(messages, accountKey, "{\"author\":{\"type\":\"business\"},"
                        + "\"content\":{\"type\":\"text\",\"text\":\"in turn " + i + "\"}}").at("/messages/0/id");
                assertThat(id).as("message %d", i).isGreaterThan(previous);
                previous = id;
            }

            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<Response>> answers = new ArrayList<>();
            try {
                for (int i = 0; i < POSTS; i++) {
                    Api through = i % 2 == 0 ? one : second.api();
                    String body = "{\"author\":{\"type\":\"business\"},\"content\":{\"type\":\"text\",\"text\":\"post "
                            + i + "\"}}";
                    answers.add(pool.submit(() -> through.post(messages, accountKey, body)));
                }
                for (Future<Response> answer : answers) {
                    assertThat(answer.get().status()).as(answer.get().toString()).isEqualTo(201);
                }
            } finally {
                pool.shutdown();
            }

            List<String> stored = new ArrayList<>();
            second.api().get(messages, accountKey).json().path("messages")
                    .forEach(message -> stored.add(message.path("id").asText()));
            stored.subList(0, 20).clear();
            assertThat(stored).hasSize(POSTS).isSorted().doesNotHaveDuplicates();
            List<JsonNode> events = app.events("conversation:message").subList(20, 20 + POSTS);
            assertThat(events).extracting(event -> event.at("/payload/message/id").asText())
                    .containsExactlyElementsOf(stored);
            for (int i = 0; i < POSTS; i++) {
                String eventId = events.get(i).path("id").asText();
                assertThat(eventId).as("event %d follows its message", i).isGreaterThan(stored.get(i));
                if (i + 1 < POSTS) {
                    assertThat(eventId).as("event %d precedes the next message", i).isLessThan(stored.get(i + 1));
                }
            }

            // A server that takes ids above the other server's (its bytes sort lower) must not take one that the
            // other server makes next for another conversation of the app: every post is stored, every id once.
            String other = app.createConversation("personal", app.createUser("other-user"));
            String otherMessages = app.path("/conversations/" + other + "/messages");
            for (int i = 0; i < 20; i++) {
                Api shared = i % 2 == 0 ? one : second.api();
                Api beside = i % 2 == 0 ? second.api() : one;
                for (String[] post : new String[][] {{messages, "shared"}, {otherMessages, "beside"}}) {
                    Response answer = (post[1].equals("shared") ? shared : beside).post(post[0], accountKey,
                            "{\"author\":{\"type\":\"business\"},\"content\":{\"type\":\"text\",\"text\":\""
                                    + post[1] + " " + i + "\"}}");
                    assertThat(answer.status()).as("%s post %d: %s", post[1], i, answer).isEqualTo(201);
                }
            }
            List<String> eventIds = new ArrayList<>();
            app.events("conversation:message").forEach(event -> eventIds.add(event.path("id").asText()));
            assertThat(eventIds).hasSize(20 + POSTS + 40).doesNotHaveDuplicates();
        }
    }
}
