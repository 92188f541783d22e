package dev.parley;

import dev.parley.accounts.AccountService;
import dev.parley.accounts.AccountStore;
import dev.parley.accounts.OperatorRoutes;
import dev.parley.accounts.OwnerRoutes;
import dev.parley.accounts.OwnerService;
import dev.parley.accounts.OwnerStore;
import dev.parley.apps.AppCache;
import dev.parley.apps.AppAccess;
import dev.parley.apps.AppRoutes;
import dev.parley.apps.AppRoutesV1;
import dev.parley.apps.AppService;
import dev.parley.apps.AppStore;
import dev.parley.audit.AuditLog;
import dev.parley.backup.BackupRoutes;
import dev.parley.backup.EmbeddedBackups;
import dev.parley.audit.AuditRoutes;
import dev.parley.attachments.AttachmentContents;
import dev.parley.attachments.AttachmentPurge;
import dev.parley.attachments.AttachmentRoutes;
import dev.parley.attachments.AttachmentService;
import dev.parley.attachments.DatabaseContents;
import dev.parley.attachments.FileContents;
import dev.parley.attachments.MediaRoutes;
import dev.parley.auth.AccessPolicy;
import dev.parley.auth.AccessTable;
import dev.parley.accounts.AccountKeys;
import dev.parley.auth.ApiAuthentication;
import dev.parley.keys.ApiKeyStore;
import dev.parley.keys.KeyRoutes;
import dev.parley.keys.KeyService;
import dev.parley.keys.JwtIssuer;
import dev.parley.keys.StoredKeyLookup;
import dev.parley.auth.Authenticator;
import dev.parley.auth.CredentialCache;
import dev.parley.auth.PostgresRevocationChannel;
import dev.parley.auth.RevocationChannel;
import dev.parley.auth.Revocations;
import dev.parley.auth.OperatorAuth;
import dev.parley.config.ConfigException;
import dev.parley.config.LocalSecretFiles;
import dev.parley.config.ParleyConfig;
import dev.parley.crypto.AppTokenGenerator;
import dev.parley.crypto.IdGenerator;
import dev.parley.crypto.MasterKey;
import dev.parley.crypto.PasswordHasher;
import dev.parley.crypto.Sealer;
import dev.parley.crypto.SecretGenerator;
import dev.parley.dashboard.DashboardRoutes;
import dev.parley.dashboard.InsideAppServices;
import dev.parley.conversations.ConversationRoutes;
import dev.parley.conversations.ConversationSequence;
import dev.parley.conversations.ConversationService;
import dev.parley.conversations.ConversationStore;
import dev.parley.conversations.Participants;
import dev.parley.events.EventCounts;
import dev.parley.events.EventLog;
import dev.parley.events.EventRoutes;
import dev.parley.messages.MessageAuthors;
import dev.parley.metrics.Metrics;
import dev.parley.metrics.MetricsRoutes;
import dev.parley.messages.MessageRoutes;
import dev.parley.messages.MessageService;
import dev.parley.messages.MessageStore;
import dev.parley.dashboard.SessionStore;
import dev.parley.dashboard.SessionTokens;
import dev.parley.dashboard.Sessions;
import dev.parley.dashboard.SignInThrottle;
import dev.parley.http.ApiServer;
import dev.parley.idempotency.IdempotencyKeyStore;
import dev.parley.integrations.IntegrationRoutes;
import dev.parley.integrations.IntegrationService;
import dev.parley.integrations.IntegrationStore;
import dev.parley.integrations.WebhookService;
import dev.parley.integrations.WebhookStore;
import dev.parley.integrations.WebhookTargets;
import dev.parley.idempotency.IdempotentRequests;
import dev.parley.health.HealthCheck;
import dev.parley.health.HealthRoutes;
import dev.parley.http.RouteGroup;
import dev.parley.ratelimit.AddressRateLimit;
import dev.parley.ratelimit.RateLimits;
import dev.parley.apps.GrantStore;
import dev.parley.purge.Purges;
import dev.parley.serviceaccounts.ServiceAccountRoutes;
import dev.parley.serviceaccounts.ServiceAccountRoutesV1;
import dev.parley.serviceaccounts.ServiceAccountService;
import dev.parley.serviceaccounts.ServiceAccountStore;
import dev.parley.store.Database;
import dev.parley.store.MasterKeyCheck;
import dev.parley.switchboards.ControlActions;
import dev.parley.switchboards.SwitchboardRoutes;
import dev.parley.switchboards.SwitchboardService;
import dev.parley.transfer.AppExport;
import dev.parley.transfer.AppImport;
import dev.parley.transfer.TransferRoutes;
import dev.parley.transfer.TransferSection;
import dev.parley.users.ClientStore;
import dev.parley.users.UserTransfer;
import dev.parley.conversations.ConversationTransfer;
import dev.parley.messages.MessageTransfer;
import dev.parley.integrations.IntegrationTransfer;
import dev.parley.users.UserRoutes;
import dev.parley.users.UserService;
import dev.parley.users.UserStore;
import dev.parley.webhooks.CheckedTargets;
import dev.parley.webhooks.DeliveryBacklog;
import dev.parley.webhooks.DeliveryLog;
import dev.parley.webhooks.DeliveryRoutes;
import dev.parley.webhooks.DeliverySignal;
import dev.parley.webhooks.WebhookDispatcher;
import dev.parley.webhooks.WebhookOutbox;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the whole object graph by hand, so every dependency is visible here, and runs it. */
public final class ParleyServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ParleyServer.class);
    static final String MASTER_KEY_FILE = "master-key";
    static final String OPERATOR_TOKEN_FILE = "operator-token";

    private static final long CACHED_KEYS = 20_000;
    private static final Duration CACHED_KEY_LIFETIME = Duration.ofSeconds(30);

    private final Database database;
    private final RevocationChannel revocationChannel;
    private final ApiServer http;
    private final Purges purges;
    private final WebhookDispatcher webhooks;
    private final Metrics metrics;

    private ParleyServer(Database database, RevocationChannel revocationChannel, ApiServer http, Purges purges,
                         WebhookDispatcher webhooks, Metrics metrics) {
        this.database = database;
        this.revocationChannel = revocationChannel;
        this.http = http;
        this.purges = purges;
        this.webhooks = webhooks;
        this.metrics = metrics;
    }

    public static ParleyServer start(ParleyConfig config) {
        return start(config, Clock.systemUTC());
    }

    /** With the clock that says when remembered Idempotency-Keys expire (tests move it). */
    public static ParleyServer start(ParleyConfig config, Clock clock) {
        LocalSecretFiles files = new LocalSecretFiles(config.dataDir());
        SecureRandom random = new SecureRandom();
        MasterKey masterKey = masterKey(config, files, random);
        String operatorToken = config.operatorToken().orElseGet(() -> {
            String token = files.readOrCreate(OPERATOR_TOKEN_FILE, new SecretGenerator(random)::next);
            LOG.info("operator token: PARLEY_OPERATOR_TOKEN is unset; the token is in {}", files.path(OPERATOR_TOKEN_FILE));
            return token;
        });

        Sealer sealer = new Sealer(masterKey);
        Metrics metrics = new Metrics();
        MeterRegistry registry = metrics.registry();
        Database database = Database.connect(config);
        database.recordMetrics(registry);
        RevocationChannel channel = RevocationChannel.NONE;
        // Migrations and putting the HTTP server together both spend most of their time loading classes: side by
        // side, the server answers sooner. Nothing listens or is served before the database is ready.
        FutureTask<Void> databaseReady = new FutureTask<>(() -> {
            database.prepare(config);
            MasterKeyCheck.verify(database, sealer);
            return null;
        });
        Thread.ofPlatform().name("parley-database").start(databaseReady);
        try {
            IdGenerator ids = new IdGenerator(Clock.systemUTC(), random);
            ApiKeyStore keys = new ApiKeyStore(ids, new SecretGenerator(random), sealer);
            CredentialCache cache = new CredentialCache(new StoredKeyLookup(database, keys), CACHED_KEYS,
                    CACHED_KEY_LIFETIME);
            cache.recordMetrics(registry);
            channel = revocationChannel(config, cache);
            AppCache appCache = config.embedded() ? AppCache.forEmbeddedDatabase() : AppCache.none();
            appCache.recordMetrics(registry);
            Revocations revocations = new Revocations(channel, revocation -> {
                cache.invalidate(revocation);
                appCache.drop(revocation);
            });
            WebhookTargets webhookTargets = new WebhookTargets(config.webhookAllowedNetworks());
            DeliverySignal deliveries = new DeliverySignal();
            EventLog events = new EventLog(ids, Clock.systemUTC(),
                    new WebhookOutbox(Clock.systemUTC(), config.webhooks().retryPeriod(), deliveries)
                            .andThen(new EventCounts(registry)));
            DeliveryBacklog backlog = new DeliveryBacklog(database, Clock.systemUTC(),
                    config.webhooks().backlogLimit());
            backlog.register(registry);
            RevocationChannel revocationListener = channel;
            Map<String, HealthCheck> healthChecks = new LinkedHashMap<>();
            healthChecks.put("revocationListener", revocationListener::status);
            healthChecks.put("webhookBacklog", backlog::status);
            AttachmentContents attachments = config.embedded() ? new FileContents(config.dataDir())
                    : new DatabaseContents(database);
            ApiServer http = new ApiServer(routes(config, database, ids, keys, sealer, cache, appCache, revocations,
                    operatorToken, random, clock, events, deliveries, webhookTargets, healthChecks, attachments,
                    metrics),
                    config.trustedProxies(), config.publicUrl(), config.bindAddress(), registry);
            awaitReady(databaseReady);
            channel.start();
            http.start(config.port());
            if (!config.trustedProxies().patterns().isEmpty()) {
                LOG.info("X-Forwarded-For and X-Forwarded-Proto are believed from {}", config.trustedProxies());
            }
            Purges purges = Purges.standard(database, new AppStore(), Clock.systemUTC(), config.eventRetention(),
                    List.of(new AttachmentPurge(database, attachments, Clock.systemUTC())), registry);
            purges.start(config.purgeInterval());
            WebhookDispatcher webhooks = WebhookDispatcher.start(database, events, ids, sealer,
                    new CheckedTargets(webhookTargets), config.webhooks(), deliveries, registry);
            LOG.info("Parley is listening on port {} of {} with the {}", http.port(), http.address(),
                    database.description());
            return new ParleyServer(database, channel, http, purges, webhooks, metrics);
        } catch (RuntimeException e) {
            awaitEnd(databaseReady);
            channel.close();
            database.close();
            metrics.close();
            throw e;
        }
    }

    private static void awaitReady(FutureTask<Void> databaseReady) {
        try {
            databaseReady.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("the database could not be prepared", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigException("interrupted while preparing the database");
        }
    }

    /** The pool is closed only once nothing uses it any more. */
    private static void awaitEnd(FutureTask<Void> databaseReady) {
        try {
            databaseReady.get();
        } catch (ExecutionException | CancellationException ignored) {
            // Already reported, or the reason the server is not starting.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Several servers may share PostgreSQL, so deletions are announced there; the embedded database has one. */
    private static RevocationChannel revocationChannel(ParleyConfig config, CredentialCache cache) {
        if (config.embedded()) {
            return RevocationChannel.NONE;
        }
        Properties credentials = new Properties();
        config.databaseUser().ifPresent(user -> credentials.setProperty("user", user));
        config.databasePassword().ifPresent(password -> credentials.setProperty("password", password));
        return new PostgresRevocationChannel(config.databaseUrl().orElseThrow(), credentials, cache);
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

    private static List<RouteGroup> routes(ParleyConfig config, Database database, IdGenerator ids,
                                           ApiKeyStore keys, Sealer sealer, CredentialCache cache, AppCache appCache,
                                           Revocations revocations, String operatorToken, SecureRandom random,
                                           Clock clock, EventLog events, DeliverySignal deliveries,
                                           WebhookTargets webhookTargets, Map<String, HealthCheck> healthChecks,
                                           AttachmentContents attachmentContents, Metrics metrics) {
        AccessPolicy policy = new AccessPolicy(AccessTable.standard());
        AuditLog audit = new AuditLog(ids);
        RateLimits rateLimits = new RateLimits(config.rateLimits(), metrics.registry());
        AccountStore accounts = new AccountStore();
        AppStore apps = new AppStore();
        ServiceAccountStore serviceAccounts = new ServiceAccountStore();
        GrantStore grants = new GrantStore();
        IdempotentRequests idempotentRequests = new IdempotentRequests(database,
                new IdempotencyKeyStore(database.isPostgres()), clock, IdempotentRequests.CREATIONS);
        ApiAuthentication auth = new ApiAuthentication(new Authenticator(cache, Clock.systemUTC()), rateLimits,
                idempotentRequests);

        AppAccess appAccess = new AppAccess(apps, policy);
        AppService appService = new AppService(database, apps, appCache, accounts, serviceAccounts, grants, policy,
                appAccess, ids, new AppTokenGenerator(random), revocations, audit);
        ServiceAccountService serviceAccountService = new ServiceAccountService(database, serviceAccounts, grants,
                apps, policy, appAccess, ids, revocations, audit);
        KeyService keyService = new KeyService(database, keys, revocations, audit);
        KeyRoutes keyRoutes = KeyRoutes.v2(keyService, auth);
        KeyRoutes keyRoutesV1 = KeyRoutes.v1(keyService, new JwtIssuer(), auth);
        SessionStore sessionStore = new SessionStore();
        OwnerService ownerService = new OwnerService(database, accounts, new OwnerStore(), sessionStore,
                new PasswordHasher(), ids, audit);
        AccountService accountService = new AccountService(database, accounts, keys, ids, revocations, audit, policy,
                ownerService);
        AccountKeys accountKeys = new AccountKeys(accounts, policy);
        UserStore users = new UserStore();
        ConversationStore conversations = new ConversationStore();
        ClientStore clients = new ClientStore();
        UserService userService = new UserService(database, appAccess, users, clients,
                conversations::removeOfUser, events, ids, Clock.systemUTC());
        Participants participants = new Participants();
        ConversationSequence conversationSequence = new ConversationSequence(ids, conversations);
        ConversationService conversationService = new ConversationService(database, appAccess, apps, conversations,
                participants, conversationSequence, users, events, ids, Clock.systemUTC());
        AttachmentService attachments = new AttachmentService(database, appAccess, conversations, attachmentContents,
                ids, new SecretGenerator(random), Clock.systemUTC());
        MessageStore messages = new MessageStore();
        MessageService messageService = new MessageService(database, appAccess, conversations, conversationSequence,
                participants, new MessageAuthors(participants, users), messages, attachments, events,
                Clock.systemUTC());
        SessionTokens sessionTokens = new SessionTokens(random);
        Sessions sessions = new Sessions(database, sessionStore, sessionTokens, sealer, Clock.systemUTC());

        // Custom integrations, their keys and webhooks (the configuration; deliveries are the webhooks package's).
        IntegrationStore integrationStore = new IntegrationStore();
        WebhookStore webhookStore = new WebhookStore(sealer);
        WebhookService webhookService = new WebhookService(database, appAccess, policy, integrationStore,
                webhookStore, webhookTargets, audit, ids, new SecretGenerator(random), Clock.systemUTC());
        IntegrationService integrationService = new IntegrationService(database, appAccess, integrationStore,
                webhookStore, webhookService, webhookTargets, keys, revocations, audit, ids, Clock.systemUTC());
        IntegrationRoutes integrationRoutes = new IntegrationRoutes(integrationService, webhookService, keyRoutes,
                auth);
        SwitchboardService switchboardService = new SwitchboardService(database, appAccess, integrationStore,
                conversations, audit, ids, Clock.systemUTC());
        SwitchboardRoutes switchboardRoutes = new SwitchboardRoutes(switchboardService, new ControlActions(database,
                appAccess, conversations, conversationSequence, events, Clock.systemUTC()), auth);
        DeliveryLog deliveryLog = new DeliveryLog(database, appAccess, policy, events, Clock.systemUTC(),
                config.webhooks().retryPeriod(), deliveries);

        List<TransferSection> transferSections = List.of(
                new UserTransfer(users, clients),
                new ConversationTransfer(conversations, participants, conversationSequence, users, events,
                        Clock.systemUTC()),
                new MessageTransfer(conversations, conversationSequence, messages, users, events, Clock.systemUTC()),
                new IntegrationTransfer(integrationStore, webhookStore, webhookTargets, new SecretGenerator(random),
                        audit, Clock.systemUTC()));
        TransferRoutes transferRoutes = new TransferRoutes(
                new AppExport(database, appAccess, policy, transferSections, Clock.systemUTC()),
                new AppImport(database, appAccess, transferSections), config.importMaxBytes(), auth);

        return List.of(
                new HealthRoutes(database, config.publicUrl(), healthChecks),
                new MetricsRoutes(metrics, config.metricsToken(), rateLimits),
                new AddressRateLimit(rateLimits),
                new OperatorAuth(operatorToken, rateLimits),
                new OperatorRoutes(accountService, keyService, accountKeys),
                new BackupRoutes(EmbeddedBackups.startingIn(database, config.dataDir(), audit)),
                new OwnerRoutes(ownerService),
                new AuditRoutes(database, audit),
                new AppRoutes(appService, appAccess, keyRoutes, auth),
                new ServiceAccountRoutes(serviceAccountService, keyRoutes, auth),
                new AppRoutesV1(appService, appAccess, keyRoutesV1, auth),
                new ServiceAccountRoutesV1(serviceAccountService, keyRoutesV1, auth),
                new EventRoutes(database, events, appAccess, auth),
                new UserRoutes(userService, auth),
                new ConversationRoutes(conversationService, auth),
                new MessageRoutes(messageService, auth),
                new AttachmentRoutes(attachments, auth),
                new MediaRoutes(attachments),
                integrationRoutes,
                switchboardRoutes,
                transferRoutes,
                new DeliveryRoutes(deliveryLog, auth),
                new DashboardRoutes(sessions, sessionTokens, new SignInThrottle(Clock.systemUTC()), ownerService,
                        accountService, accountKeys, appService, appAccess, serviceAccountService, keyService,
                        new InsideAppServices(userService, conversationService, messageService, integrationService,
                                webhookService, deliveryLog, switchboardService)));
    }

    public int port() {
        return http.port();
    }

    /** Lets requests in flight finish, then closes the database pool. */
    @Override
    public void close() {
        http.stop();
        webhooks.close();
        purges.close();
        revocationChannel.close();
        database.close();
        metrics.close();
    }
}
