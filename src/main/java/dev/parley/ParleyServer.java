package dev.parley;

import dev.parley.accounts.AccountService;
import dev.parley.accounts.AccountStore;
import dev.parley.accounts.OperatorRoutes;
import dev.parley.apps.AppKeyService;
import dev.parley.apps.AppRoutes;
import dev.parley.apps.AppRoutesV1;
import dev.parley.apps.AppService;
import dev.parley.apps.AppStore;
import dev.parley.auth.AccessPolicy;
import dev.parley.auth.ApiAuthentication;
import dev.parley.auth.ApiKeyStore;
import dev.parley.auth.Authenticator;
import dev.parley.auth.JwtIssuer;
import dev.parley.auth.OperatorAuth;
import dev.parley.auth.StoredKeyLookup;
import dev.parley.config.ConfigException;
import dev.parley.config.LocalSecretFiles;
import dev.parley.config.ParleyConfig;
import dev.parley.crypto.AppTokenGenerator;
import dev.parley.crypto.IdGenerator;
import dev.parley.crypto.MasterKey;
import dev.parley.crypto.Sealer;
import dev.parley.crypto.SecretGenerator;
import dev.parley.http.ApiServer;
import dev.parley.http.HealthRoutes;
import dev.parley.serviceaccounts.GrantStore;
import dev.parley.serviceaccounts.ServiceAccountRoutes;
import dev.parley.serviceaccounts.ServiceAccountRoutesV1;
import dev.parley.serviceaccounts.ServiceAccountService;
import dev.parley.serviceaccounts.ServiceAccountStore;
import dev.parley.store.Database;
import dev.parley.store.MasterKeyCheck;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the whole object graph by hand, so every dependency is visible here, and runs it. */
public final class ParleyServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ParleyServer.class);
    static final String MASTER_KEY_FILE = "master-key";
    static final String OPERATOR_TOKEN_FILE = "operator-token";

    private final Database database;
    private final ApiServer http;

    private ParleyServer(Database database, ApiServer http) {
        this.database = database;
        this.http = http;
    }

    public static ParleyServer start(ParleyConfig config) {
        LocalSecretFiles files = new LocalSecretFiles(config.dataDir());
        SecureRandom random = new SecureRandom();
        MasterKey masterKey = masterKey(config, files, random);
        String operatorToken = config.operatorToken().orElseGet(() -> {
            String token = files.readOrCreate(OPERATOR_TOKEN_FILE, new SecretGenerator(random)::next);
            LOG.info("operator token: PARLEY_OPERATOR_TOKEN is unset; the token is in {}", files.path(OPERATOR_TOKEN_FILE));
            return token;
        });

        Sealer sealer = new Sealer(masterKey);
        Database database = Database.open(config);
        try {
            MasterKeyCheck.verify(database, sealer);
            ApiServer http = new ApiServer(routes(database, sealer, operatorToken, random)).start(config.port());
            LOG.info("Parley is listening on port {} with the {}", http.port(), database.description());
            return new ParleyServer(database, http);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** PARLEY_MASTER_KEY; on the embedded database, generated into the data directory at first start when unset. */
    private static MasterKey masterKey(ParleyConfig config, LocalSecretFiles files, SecureRandom random) {
        String base64 = config.masterKey().orElseGet(() -> {
            if (!config.embedded()) {
                throw new ConfigException("PARLEY_MASTER_KEY is required with PostgreSQL, and every Parley server "
                        + "sharing the database must use the same one; make one with: "
                        + "head -c 32 /dev/urandom | base64 -w0");
            }
            return files.readOrCreate(MASTER_KEY_FILE, () -> {
                byte[] key = new byte[MasterKey.BYTES];
                random.nextBytes(key);
                return Base64.getEncoder().encodeToString(key);
            });
        });
        try {
            return MasterKey.parse(base64);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private static List<dev.parley.http.RouteGroup> routes(Database database, Sealer sealer, String operatorToken,
                                                          SecureRandom random) {
        IdGenerator ids = new IdGenerator(Clock.systemUTC(), random);
        AccessPolicy policy = new AccessPolicy();
        ApiKeyStore keys = new ApiKeyStore(ids, new SecretGenerator(random), sealer);
        AccountStore accounts = new AccountStore();
        AppStore apps = new AppStore();
        ServiceAccountStore serviceAccounts = new ServiceAccountStore();
        GrantStore grants = new GrantStore();
        ApiAuthentication auth = new ApiAuthentication(
                new Authenticator(new StoredKeyLookup(database, keys), Clock.systemUTC()));

        AppService appService = new AppService(database, apps, accounts, serviceAccounts, grants, policy, ids,
                new AppTokenGenerator(random));
        AppKeyService appKeyService = new AppKeyService(database, apps, keys, policy);
        ServiceAccountService serviceAccountService =
                new ServiceAccountService(database, serviceAccounts, grants, apps, keys, policy, ids);
        JwtIssuer jwts = new JwtIssuer();

        return List.of(
                new HealthRoutes(database),
                new OperatorRoutes(new AccountService(database, accounts, keys, ids), new OperatorAuth(operatorToken)),
                new AppRoutes(appService, appKeyService, auth),
                new ServiceAccountRoutes(serviceAccountService, auth),
                new AppRoutesV1(appService, appKeyService, jwts, auth),
                new ServiceAccountRoutesV1(serviceAccountService, jwts, auth));
    }

    public int port() {
        return http.port();
    }

    /** Lets requests in flight finish, then closes the database pool. */
    @Override
    public void close() {
        http.stop();
        database.close();
    }
}
