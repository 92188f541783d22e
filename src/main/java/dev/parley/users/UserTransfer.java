package dev.parley.users;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.ApiException;
import dev.parley.api.Timestamps;
import dev.parley.http.BoundedText;
import dev.parley.transfer.ImportInto;
import dev.parley.transfer.Records;
import dev.parley.transfer.TransferSection;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/** The app's users and their clients in exports and imports: each user before its clients. */
public final class UserTransfer implements TransferSection {
    static final String USER = "user";
    static final String CLIENT = "client";
    private static final String CREATED_AT = "createdAt";
    private static final String USER_ID = "userId";
    /** What the API view of a user shows beside the fields a creation sets. */
    private static final Set<String> SHOWN_ONLY = Set.of("id", "identities", "authenticated", CREATED_AT);

    private final UserStore users;
    private final ClientStore clients;

    public UserTransfer(UserStore users, ClientStore clients) {
        this.users = users;
        this.clients = clients;
    }

    @Override
    public List<String> kinds() {
        return List.of(USER, CLIENT);
    }

    @Override
    public void export(Handle handle, String appId, Consumer<ObjectNode> out) {
        users.forEachCreated(handle, appId, created -> out.accept(record(created)));
        clients.forEachOfApp(handle, appId, client -> out.accept(record(client)));
    }

    @Override
    public Applied apply(Handle handle, ImportInto into, String kind, ObjectNode record) {
        String appId = into.appId();
        return kind.equals(USER) ? applyUser(handle, appId, record) : applyClient(handle, appId, record);
    }

    private Applied applyUser(Handle handle, String appId, ObjectNode record) {
        String id = Records.id(record, "id");
        UserBodies.NewUser fields = UserBodies.forCreate(Records.without(record, SHOWN_ONLY));
        Instant createdAt = Records.time(record, CREATED_AT, true);
        User user = fields.fields().applyTo(new User(id, fields.externalId(), null, false, "{}", "{}"));
        ObjectNode incoming = record(new UserStore.Created(user, Timestamps.format(createdAt)));
        Optional<UserStore.Created> existing = users.findCreated(handle, appId, id);
        if (existing.isPresent()) {
            return Records.sameOrRefused(USER, record(existing.get()), incoming);
        }
        if (user.externalId() != null && users.findByExternalId(handle, appId, user.externalId(), false).isPresent()) {
            throw ApiException.conflict("Another user of the app has this externalId");
        }
        users.insert(handle, appId, user, createdAt);
        return Applied.CREATED;
    }

    private Applied applyClient(Handle handle, String appId, ObjectNode record) {
        Client client = new Client(Records.id(record, "id"), Records.id(record, USER_ID),
                required(text(record, "type", 32)), required(text(record, "status", 16)),
                record.hasNonNull("integrationId") ? Records.id(record, "integrationId") : null,
                text(record, "externalId", 4096), text(record, "lastSeen", 64), text(record, "linkedAt", 64),
                text(record, "displayName", 400), text(record, "avatarUrl", 8192), info(record.get("info")));
        Client incoming = new Client(client.id(), client.userId(), client.type(), client.status(),
                client.integrationId(), client.externalId(),
                Timestamps.format(Records.time(record, "lastSeen", false)),
                Timestamps.format(Records.time(record, "linkedAt", false)), client.displayName(), client.avatarUrl(),
                client.info());
        Optional<Client> existing = clients.find(handle, appId, incoming.id());
        if (existing.isPresent()) {
            return Records.sameOrRefused(CLIENT, record(existing.get()), record(incoming));
        }
        if (users.findById(handle, appId, incoming.userId(), true).isEmpty()) {
            throw UserStore.notFound();
        }
        clients.insert(handle, appId, incoming);
        return Applied.CREATED;
    }

    private static String text(ObjectNode record, String field, int max) {
        return BoundedText.optional(record.get(field), field, 0, max).orElse(null);
    }

    private static String required(String value) {
        if (value == null || value.isEmpty()) {
            throw ApiException.badRequest("A client needs its type and status");
        }
        return value;
    }

    private static String info(JsonNode info) {
        if (info == null || info.isNull()) {
            return null;
        }
        if (!info.isObject()) {
            throw ApiException.badRequest("info must be an object");
        }
        return info.toString();
    }

    private static ObjectNode record(UserStore.Created created) {
        return Records.of(USER, created.user()).put(CREATED_AT, created.createdAt());
    }

    private static ObjectNode record(Client client) {
        return Records.of(CLIENT, client).put(USER_ID, client.userId());
    }
}
