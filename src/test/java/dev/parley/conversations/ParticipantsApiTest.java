package dev.parley.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ApiTest;
import dev.parley.testing.DataPlane;
import dev.parley.testing.Race;
import dev.parley.testing.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ParticipantsApiTest extends ApiTest {
    private DataPlane app;
    private String group;

    @BeforeEach
    void newApp() {
        AccountFixture account = createAccount("Participants", null);
        app = new DataPlane(api, createApp(account.basic(), "Participants"), account.basic());
        group = app.createConversation("sdkGroup");
    }

    @Test
    void aUserJoinsAGroupAndTheJoinIsRecorded() {
        String user = app.createUser("joiner");
        Response joined = app.post("/conversations/" + group + "/join",
                "{\"userExternalId\":\"joiner\",\"subscribeSDKClient\":false}");
        assertThat(joined.status()).as(joined.toString()).isEqualTo(201);
        JsonNode participant = joined.json().path("participant");
        assertThat(participant.path("id").asText()).matches(HEX_ID);
        assertThat(participant).isEqualTo(json("{\"id\":\"" + participant.path("id").asText() + "\",\"userId\":\""
                + user + "\",\"userExternalId\":\"joiner\",\"unreadCount\":0,\"lastRead\":null,"
                + "\"clientAssociations\":[]}"));
        assertThat(app.get("/conversations/" + group + "/participants").json().path("participants"))
                .containsExactly(participant);

        List<JsonNode> events = app.events("conversation:join");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).path("payload").path("conversation").path("id").asText()).isEqualTo(group);
        assertThat(events.get(0).path("payload").path("user")).isEqualTo(json("{\"id\":\"" + user
                + "\",\"externalId\":\"joiner\",\"authenticated\":false}"));

        assertError(app.post("/conversations/" + group + "/join", "{\"userId\":\"" + user + "\"}"), 409, "conflict");
    }

    @Test
    void joinsAreRefusedWhereTheyCannotBe() {
        String user = app.createUser(null);
        String personal = app.createConversation("personal", user);
        Response onPersonal = app.post("/conversations/" + personal + "/join", "{\"userId\":\"" + app.createUser(null)
                + "\"}");
        assertError(onPersonal, 400, "bad_request");
        assertThat(onPersonal.at("/errors/0/title")).contains("sdkGroup");
        assertError(app.post("/conversations/" + group + "/join", "{\"userExternalId\":\"nobody\"}"), 404,
                "user_not_found");
        for (String body : List.of("{}", "{\"userId\":\"" + user + "\",\"userExternalId\":\"x\"}",
                "{\"userId\":5}", "{\"userId\":\"" + user + "\",\"subscribeSDKClient\":\"yes\"}",
                "{\"userId\":\"" + user + "\",\"role\":\"admin\"}")) {
            assertError(app.post("/conversations/" + group + "/join", body), 400, "bad_request", body);
        }
        assertThat(app.events("conversation:join")).isEmpty();
    }

    @Test
    void aGroupHasAtMostTenParticipants() {
        for (int i = 0; i < 10; i++) {
            app.created("/conversations/" + group + "/join", "{\"userId\":\"" + app.createUser(null) + "\"}");
        }
        String eleventh = app.createUser(null);
        Response full = app.post("/conversations/" + group + "/join", "{\"userId\":\"" + eleventh + "\"}");
        assertError(full, 400, "bad_request");
        assertThat(full.at("/errors/0/title")).isEqualTo("Too many participants");

        String leaver = app.get("/conversations/" + group + "/participants").at("/participants/0/id");
        assertEmptyOk(app.post("/conversations/" + group + "/leave", "{\"participantId\":\"" + leaver + "\"}"));
        assertThat(app.post("/conversations/" + group + "/join", "{\"userId\":\"" + eleventh + "\"}").status())
                .as("a place left is free again").isEqualTo(201);
    }

    @Test
    void concurrentJoinsNeverPassTen() throws Exception {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            users.add(app.createUser(null));
        }
        Map<Integer, Long> statuses = Race.of(users.size(), i -> app.post("/conversations/" + group + "/join",
                        "{\"userId\":\"" + users.get(i) + "\"}"))
                .stream().collect(Collectors.groupingBy(Response::status, Collectors.counting()));
        assertThat(statuses).as("%s", statuses).containsOnlyKeys(201, 400);
        assertThat(statuses.get(201)).isEqualTo(10);
        assertThat(app.get("/conversations/" + group + "/participants?page[size]=100").json().path("participants"))
                .hasSize(10);
        assertThat(app.events("conversation:join")).hasSize(10);
    }

    @Test
    void participantsLeaveByUserIdExternalIdOrParticipantId() {
        String byId = app.createUser(null);
        String byExternalId = app.createUser("ext-leaver");
        String byParticipantId = app.createUser(null);
        String stays = app.createUser(null);
        String participantId = null;
        for (String user : List.of(byId, byExternalId, byParticipantId, stays)) {
            String id = app.created("/conversations/" + group + "/join", "{\"userId\":\"" + user + "\"}")
                    .at("/participant/id");
            participantId = user.equals(byParticipantId) ? id : participantId;
        }
        assertEmptyOk(app.post("/conversations/" + group + "/leave", "{\"userId\":\"" + byId + "\"}"));
        assertEmptyOk(app.post("/conversations/" + group + "/leave", "{\"userExternalId\":\"ext-leaver\"}"));
        assertEmptyOk(app.post("/conversations/" + group + "/leave", "{\"participantId\":\"" + participantId + "\"}"));
        assertThat(idsOf(app.get("/conversations/" + group + "/participants").json().path("participants"), "userId"))
                .containsExactly(stays);

        List<JsonNode> left = app.events("conversation:leave");
        assertThat(left.stream().map(event -> event.at("/payload/user/id").asText()))
                .containsExactly(byId, byExternalId, byParticipantId);
        assertThat(left.get(1).at("/payload/user/externalId").asText()).isEqualTo("ext-leaver");

        Response notMember = app.post("/conversations/" + group + "/leave", "{\"userId\":\"" + byId + "\"}");
        assertError(notMember, 404, "not_found");
        assertThat(notMember.at("/errors/0/title")).isEqualTo("User is not a member of the conversation");
        for (String body : List.of("{}", "{\"userId\":\"" + stays + "\",\"participantId\":\"" + participantId + "\"}",
                "{\"userId\":true}", "{\"user\":\"x\"}")) {
            assertError(app.post("/conversations/" + group + "/leave", body), 400, "bad_request", body);
        }
    }

    @Test
    void participantsComeInCursorPagesInTheOrderTheyJoined() {
        List<String> joined = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            joined.add(app.created("/conversations/" + group + "/join", "{\"userId\":\"" + app.createUser(null)
                    + "\"}").at("/participant/id"));
        }
        Response first = app.get("/conversations/" + group + "/participants?page[size]=2");
        assertThat(idsOf(first.json().path("participants"))).containsExactlyElementsOf(joined.subList(0, 2));
        assertThat(first.json().at("/meta/hasMore").asBoolean()).isTrue();
        Response rest = app.get("/conversations/" + group + "/participants?page[size]=2&page[after]="
                + first.json().at("/meta/afterCursor").asText());
        assertThat(idsOf(rest.json().path("participants"))).containsExactly(joined.get(2));
        Response back = app.get("/conversations/" + group + "/participants?page[before]=" + joined.get(2));
        assertThat(idsOf(back.json().path("participants"))).containsExactlyElementsOf(joined.subList(0, 2));
        assertError(app.get("/conversations/" + group + "/participants?page[size]=101"), 400, "bad_request");
    }
}
