package dev.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

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
        List<String> participants = new ArrayList<>();
        for (String userId : userIds) {
            participants.add("{\"userId\":\"" + userId + "\"}");
        }
        return created("/conversations", "{\"type\":\"" + type + "\",\"participants\":["
                + String.join(",", participants) + "]}").at("/conversation/id");
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
