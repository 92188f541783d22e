package dev.parley.auth;

import dev.parley.crypto.IdGenerator;
import dev.parley.crypto.Sealer;
import dev.parley.crypto.SecretGenerator;
import dev.parley.api.Page;
import dev.parley.api.PageRequest;
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
    private static final String COLUMNS = "id, kind, account_id, app_id, service_account_id, display_name, sealed_secret";

    private final IdGenerator ids;
    private final SecretGenerator secrets;
    private final Sealer sealer;
    private final RowMapper<ApiKey> mapper = this::map;

    public ApiKeyStore(IdGenerator ids, SecretGenerator secrets, Sealer sealer) {
        this.ids = ids;
        this.secrets = secrets;
        this.sealer = sealer;
    }

    /** Inserts a new key with a fresh id and secret; the owner fields follow {@link ApiKey}'s rule. */
    public ApiKey insert(Handle handle, KeyKind kind, String accountId, String appId, String serviceAccountId,
                         String displayName) {
        String id = kind.newId(ids);
        String secret = secrets.next();
        handle.createUpdate("INSERT INTO api_keys (" + COLUMNS + ") "
                        + "VALUES (:id, :kind, :accountId, :appId, :serviceAccountId, :displayName, :sealedSecret)")
                .bind("id", id)
                .bind("kind", dbKind(kind))
                .bind("accountId", accountId)
                .bind("appId", appId)
                .bind("serviceAccountId", serviceAccountId)
                .bind("displayName", displayName)
                .bind("sealedSecret", sealer.seal(id, secret))
                .execute();
        return new ApiKey(id, kind, accountId, appId, serviceAccountId, displayName, secret);
    }

    public Optional<ApiKey> find(Handle handle, String keyId) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM api_keys WHERE id = :id")
                .bind("id", keyId)
                .map(mapper)
                .findOne();
    }

    public List<ApiKey> listForApp(Handle handle, String appId) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM api_keys WHERE app_id = :appId ORDER BY id")
                .bind("appId", appId)
                .map(mapper)
                .list();
    }

    public List<ApiKey> listForServiceAccount(Handle handle, String serviceAccountId) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM api_keys WHERE service_account_id = :id ORDER BY id")
                .bind("id", serviceAccountId)
                .map(mapper)
                .list();
    }

    public Page<ApiKey> listAccountKeys(Handle handle, String accountId, PageRequest request) {
        return CursorPages.fetch(handle,
                "SELECT " + COLUMNS + " FROM api_keys WHERE account_id = :accountId AND kind = 'account'", "id",
                "account_id, kind", Map.of("accountId", accountId), mapper, request);
    }

    public boolean delete(Handle handle, String keyId) {
        return handle.createUpdate("DELETE FROM api_keys WHERE id = :id").bind("id", keyId).execute() == 1;
    }

    private ApiKey map(ResultSet rs, StatementContext ctx) throws SQLException {
        String id = rs.getString("id");
        return new ApiKey(id, kindOf(rs.getString("kind")), rs.getString("account_id"), rs.getString("app_id"),
                rs.getString("service_account_id"), rs.getString("display_name"),
                sealer.open(id, rs.getString("sealed_secret")));
    }

    private static String dbKind(KeyKind kind) {
        return switch (kind) {
            case ACCOUNT -> "account";
            case APP -> "app";
            case SERVICE_ACCOUNT -> "service_account";
        };
    }

    private static KeyKind kindOf(String dbKind) {
        return switch (dbKind) {
            case "account" -> KeyKind.ACCOUNT;
            case "app" -> KeyKind.APP;
            case "service_account" -> KeyKind.SERVICE_ACCOUNT;
            default -> throw new IllegalStateException("unknown key kind in the store: " + dbKind);
        };
    }
}
