package dev.parley.keys;

import dev.parley.api.Page;
import dev.parley.api.PageRequest;
import dev.parley.auth.ApiKey;
import dev.parley.auth.KeyKind;
import dev.parley.crypto.IdGenerator;
import dev.parley.crypto.Sealer;
import dev.parley.crypto.SecretGenerator;
import dev.parley.store.CursorPages;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** The api_keys table: keys of every kind, their secrets sealed at rest. */
public final class ApiKeyStore {
    private static final String COLUMNS = "id, kind, account_id, app_id, service_account_id, integration_id, display_name, sealed_secret";

    private final IdGenerator ids;
    private final SecretGenerator secrets;
    private final Sealer sealer;
    private final RowMapper<ApiKey> mapper = this::map;

    public ApiKeyStore(IdGenerator ids, SecretGenerator secrets, Sealer sealer) {
        this.ids = ids;
        this.secrets = secrets;
        this.sealer = sealer;
    }

    /**
     * Inserts a new key of the owner with a fresh id and secret.
     *
     * @param appId the app an integration's keys belong to; null for the other kinds
     */
    public ApiKey insert(Handle handle, KeyKind kind, String accountId, String ownerId, String appId,
                         String displayName) {
        ApiKey key = ApiKey.ownedBy(ownerId, appId, kind.newId(ids), kind, accountId, displayName, secrets.next());
        handle.createUpdate("INSERT INTO api_keys (" + COLUMNS + ") VALUES (:id, :kind, :accountId, :appId, "
                        + ":serviceAccountId, :integrationId, :displayName, :sealedSecret)")
                .bind("id", key.id())
                .bind("kind", kind.storedName())
                .bind("accountId", accountId)
                .bind("appId", key.appId())
                .bind("serviceAccountId", key.serviceAccountId())
                .bind("integrationId", key.integrationId())
                .bind("displayName", displayName)
                .bind("sealedSecret", sealer.seal(key.id(), key.secret()))
                .execute();
        return key;
    }

    public Optional<ApiKey> find(Handle handle, String keyId) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM api_keys WHERE id = :id")
                .bind("id", keyId)
                .map(mapper)
                .findOne();
    }

    /** Every key of an owner that has few (apps and service accounts have at most ten), oldest first. */
    public List<ApiKey> list(Handle handle, KeyKind kind, String ownerId) {
        return handle.createQuery(ownedBy(kind) + " ORDER BY id")
                .bind("ownerId", ownerId)
                .map(mapper)
                .list();
    }

    /** One page of an owner's keys. */
    public Page<ApiKey> page(Handle handle, KeyKind kind, String ownerId, PageRequest request) {
        return CursorPages.fetch(handle, ownedBy(kind), "id",
                kind == KeyKind.ACCOUNT ? ownerColumn(kind) + ", kind" : ownerColumn(kind), Map.of("ownerId", ownerId),
                mapper, request);
    }

    /**
     * The keys of one owner, through the owner's column and its index: {@code (app_id, id)},
     * {@code (service_account_id, id)}, {@code (integration_id, id)}, and for an account's own keys
     * {@code (account_id, kind, id)}, since every key carries its account. An app's own keys are told from its
     * integrations' keys, which carry the app too, by their kind.
     */
    private static String ownedBy(KeyKind kind) {
        String select = "SELECT " + COLUMNS + " FROM api_keys WHERE " + ownerColumn(kind) + " = :ownerId";
        return kind == KeyKind.ACCOUNT || kind == KeyKind.APP ? select + " AND kind = '" + kind.storedName() + "'"
                : select;
    }

    private static String ownerColumn(KeyKind kind) {
        return switch (kind) {
            case ACCOUNT -> "account_id";
            case APP -> "app_id";
            case SERVICE_ACCOUNT -> "service_account_id";
            case INTEGRATION -> "integration_id";
        };
    }

    /** Deletes every key of an owner, when the owner goes; returns how many. */
    public int deleteOwnedBy(Handle handle, KeyKind kind, String ownerId) {
        return handle.createUpdate("DELETE FROM api_keys WHERE " + ownerColumn(kind) + " = :ownerId AND kind = :kind")
                .bind("ownerId", ownerId)
                .bind("kind", kind.storedName())
                .execute();
    }

    public boolean delete(Handle handle, String keyId) {
        return handle.createUpdate("DELETE FROM api_keys WHERE id = :id").bind("id", keyId).execute() == 1;
    }

    private ApiKey map(ResultSet rs, StatementContext ctx) throws SQLException {
        String id = rs.getString("id");
        return new ApiKey(id, KeyKind.ofStoredName(rs.getString("kind")), rs.getString("account_id"),
                rs.getString("app_id"), rs.getString("service_account_id"), rs.getString("integration_id"),
                rs.getString("display_name"),
                sealer.open(id, rs.getString("sealed_secret")));
    }
}
