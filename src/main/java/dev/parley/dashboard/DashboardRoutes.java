package dev.parley.dashboard;

import dev.parley.api.Page;
import dev.parley.keys.KeyService;
import dev.parley.accounts.AccountKeys;
import dev.parley.accounts.AccountService;
import dev.parley.accounts.OwnerService;
import dev.parley.apps.AppAccess;
import dev.parley.apps.AppService;
import dev.parley.http.RouteGroup;
import dev.parley.serviceaccounts.ServiceAccountService;
import io.javalin.router.JavalinDefaultRoutingApi;

/** The owner dashboard under /dashboard: server-rendered pages on the same services as the API. */
public final class DashboardRoutes implements RouteGroup {
    private final DashboardAssets assets = new DashboardAssets();
    private final SignInRoutes signIn;
    private final AccountPages account;
    private final AppPages apps;
    private final ServiceAccountPages serviceAccounts;
    private final PasswordPages password;
    private final ConversationPages conversations;
    private final UserPages users;
    private final AppSettingsPages appSettings;
    private final IntegrationPages integrations;
    private final WebhookPages webhooks;
    private final SwitchboardPages switchboards;
    private final Pages pages;

    public DashboardRoutes(Sessions sessions, SessionTokens tokens, SignInThrottle throttle, OwnerService owners,
                           AccountService accounts, AccountKeys accountKeys, AppService appService,
                           AppAccess appAccess, ServiceAccountService serviceAccountService, KeyService keys,
                           InsideAppServices insideApps) {
        Templates templates = new Templates();
        this.pages = new Pages(sessions, templates, accounts);
        this.signIn = new SignInRoutes(owners, sessions, tokens, throttle, templates, pages);
        this.password = new PasswordPages(owners, throttle, pages);
        this.account = new AccountPages(accounts, keys, accountKeys, pages);
        this.apps = new AppPages(appService, appAccess, keys, serviceAccountService, pages);
        this.serviceAccounts = new ServiceAccountPages(serviceAccountService, appService, keys, pages);
        this.integrations = new IntegrationPages(insideApps.integrations(), appService, keys, pages);
        this.webhooks = new WebhookPages(insideApps.webhooks(), insideApps.deliveries(), insideApps.integrations(),
                appService, pages);
        this.switchboards = new SwitchboardPages(insideApps.switchboards(), insideApps.conversations(), appService,
                pages);
        this.conversations = new ConversationPages(appService, insideApps.conversations(), insideApps.messages(),
                insideApps.users(), pages);
        this.users = new UserPages(appService, insideApps.users(), insideApps.conversations(), pages);
        this.appSettings = new AppSettingsPages(appService, pages);
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi routes) {
        routes.before("/dashboard", DashboardHeaders::apply);
        routes.before("/dashboard/*", DashboardHeaders::apply);
        routes.get("/", ctx -> Redirects.seeOther(ctx, "/dashboard"));
        routes.get("/dashboard", ctx -> Redirects.seeOther(ctx, AccountPages.PATH));
        assets.addTo(routes);
        signIn.addTo(routes);
        account.addTo(routes);
        password.addTo(routes);
        apps.addTo(routes);
        serviceAccounts.addTo(routes);
        conversations.addTo(routes);
        users.addTo(routes);
        appSettings.addTo(routes);
        integrations.addTo(routes);
        webhooks.addTo(routes);
        switchboards.addTo(routes);
        routes.get("/dashboard/*", ctx -> pages.error(ctx, null, 404, "Page not found",
                "There is no such page in the dashboard."));
    }
}
