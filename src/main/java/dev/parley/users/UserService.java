package dev.parley.users;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.ApiException;
import dev.parley.api.Page;
import dev.parley.api.PageRequest;
import dev.parley.apps.AppAccess;
import dev.parley.auth.Action;
import dev.parley.auth.Principal;
import dev.parley.crypto.IdGenerator;
import dev.parley.events.EventLog;
import dev.parley.http.Json;
import dev.parley.store.Database;
import dev.parley.users.UserBodies.NewUser;
import dev.parley.users.UserBodies.UserChange;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/** The rules for an app's users, their clients and devices; each change records its event in its transaction. */
public final class UserService {
    private static final String EMPTY = "{}";

    private final Database database;
    private final AppAccess apps;
    private final UserStore users;
    private final ClientStore clients;
    private final UserRemoval removal;
    private final EventLog events;
    private final IdGenerator ids;
    private final Clock clock;

    public UserService(Database database, AppAccess apps, UserStore users, ClientStore clients, UserRemoval removal,
                       EventLog events, IdGenerator ids, Clock clock) {
        this.database = database;
        this.apps = apps;
        this.users = users;
        this.clients = clients;
        this.removal = removal;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
    }

    public User create(Principal caller, String appId, Supplier<NewUser> body) {
        return database.inTransaction(handle -> {
            apps.require(handle, caller, Action.MANAGE_USERS, appId);
            NewUser created = body.get();
            User user = created.fields().applyTo(new User(ids.next(), created.externalId(), null, false, EMPTY,
                    EMPTY));
            users.insert(handle, appId, user, clock.instant());
            return user;
        });
    }

    public User get(Principal caller, String appId, String userIdOrExternalId) {
        return database.withoutTransaction(handle -> {
            apps.require(handle, caller, Action.MANAGE_USERS, appId);
            return users.require(handle, appId, userIdOrExternalId, false);
        });
    }

    public User update(Principal caller, String appId, String userIdOrExternalId, Supplier<UserChange> body) {
        return database.inTransaction(handle -> {
            apps.require(handle, caller, Action.MANAGE_USERS, appId);
            User user = users.require(handle, appId, userIdOrExternalId, true);
            User updated = body.get().applyTo(user);
            users.update(handle, appId, updated);
            return updated;
        });
    }

    /** Deletes the user with its clients, devices and personal conversations, and records {@code user:remove}. */
    public void delete(Principal caller, String appId, String userIdOrExternalId) {
        database.inTransaction(handle -> {
            apps.require(handle, caller, Action.MANAGE_USERS, appId);
            User user = users.require(handle, appId, userIdOrExternalId, true);
            removal.removeWith(handle, appId, user.id());
            users.delete(handle, appId, user.id());
            events.record(handle, appId, "user:remove", Json.mapper().createObjectNode().set("user", user.truncated()));
            return null;
        });
    }

    /** Forgets the user's profile and metadata and what its clients tell of the person; keeps its history. */
    public User deletePersonalInformation(Principal caller, String appId, String userIdOrExternalId) {
        return database.inTransaction(handle -> {
            apps.require(handle, caller, Action.MANAGE_USERS, appId);
            User user = users.require(handle, appId, userIdOrExternalId, true);
            User cleared = new User(user.id(), user.externalId(), user.signedUpAt(), user.toBeRetained(), EMPTY, EMPTY);
            users.update(handle, appId, cleared);
            clients.clearPersonalInformation(handle, appId, user.id());
            return cleared;
        });
    }

    public Page<Client> listClients(Principal caller, String appId, String userIdOrExternalId, PageRequest page) {
        return database.withoutTransaction(handle -> {
            apps.require(handle, caller, Action.MANAGE_USERS, appId);
            return clients.list(handle, appId, users.require(handle, appId, userIdOrExternalId, false).id(), page);
        });
    }

    /** Removes a channel client of the user, with its devices, and records {@code client:remove}. */
    public void removeClient(Principal caller, String appId, String userIdOrExternalId, String clientId) {
        database.inTransaction(handle -> {
            apps.require(handle, caller, Action.MANAGE_USERS, appId);
            User user = users.require(handle, appId, userIdOrExternalId, true);
            Client client = clients.require(handle, appId, user.id(), clientId);
            if (Client.SDK.equals(client.type())) {
                throw ApiException.badRequest("Cannot remove a client of type 'sdk'");
            }
            clients.delete(handle, appId, client.id());
            ObjectNode payload = Json.mapper().createObjectNode();
            payload.set("user", user.truncated());
            payload.set("client", Json.mapper().valueToTree(client));
            payload.put("reason", "api");
            events.record(handle, appId, "client:remove", payload);
            return null;
        });
    }

    /**
     * Linking a channel to a user: no channel integration of this server can link one yet, so every request is
     * refused (once the app and user are known to exist).
     */
    public void linkClient(Principal caller, String appId, String userIdOrExternalId) {
        database.withoutTransaction(handle -> {
            apps.require(handle, caller, Action.MANAGE_USERS, appId);
            return users.require(handle, appId, userIdOrExternalId, false);
        });
        throw ApiException.badRequest("This server supports no channel types for linking yet");
    }

    public List<Device> listDevices(Principal caller, String appId, String userIdOrExternalId) {
        return database.withoutTransaction(handle -> {
            apps.require(handle, caller, Action.MANAGE_USERS, appId);
            return clients.devices(handle, appId, users.require(handle, appId, userIdOrExternalId, false).id());
        });
    }

    public Device getDevice(Principal caller, String appId, String userIdOrExternalId, String deviceId) {
        return database.withoutTransaction(handle -> {
            apps.require(handle, caller, Action.MANAGE_USERS, appId);
            String userId = users.require(handle, appId, userIdOrExternalId, false).id();
            return clients.device(handle, appId, userId, deviceId)
                    .orElseThrow(() -> new ApiException(404, "device_not_found", "Device not found"));
        });
    }
}
