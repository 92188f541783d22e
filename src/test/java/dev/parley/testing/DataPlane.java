package dev.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Requests on one app's data (users, conversations, events) for the data-plane tests, as one caller. */
public record DataPlane(Api api, String appId, Auth auth) {

    public String path(String rest) {
        return "/v2/apps/" + appId + rest;
    }

    public Response post(String rest, String json) {
        return api.post(path(rest), auth, json);
    }

    public Response get(String rest) {
        return api.get(path(rest), auth);
    }

    /** A new user with that external id (null for none); answers its id. */
    public String createUser(String externalId) {
        return created("/users", externalId == null ? "{}" : "{\"externalId\":\"" + externalId + "\"}")
                .at("/user/id");
    }

    /** A new conversation of that type whose participants are the users of those ids; answers its id. */
    public String createConversation(String type, String... userIds) {
        return created("/conversations", "{\"type\":\"" + type + "\",\"participants\":["
                + participants(userIds) + "]}").at("/conversation/id");
    }

    /** The users of those ids as a conversation's participants in a request body, without the brackets. */
    public static String participants(String... userIds) {
        return Arrays.stream(userIds).map(id -> "{\"userId\":\"" + id + "\"}").collect(Collectors.joining(","));
    }

    public Response created(String rest, String json) {
        Response created = post(rest, json);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created;
    }

    /** The app's events of one type, oldest first (the first page, which is enough for one test's app). */
    public List<JsonNode> events(String type) {
        Response page = get("/events?page[size]=100&filter[type]=" + type);
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        page.json().path("events").forEach(events::add);
        return events;
    }
}
