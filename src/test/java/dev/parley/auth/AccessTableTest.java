package dev.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.api.Origin;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The whole access table, cell by cell, and what the policy decides from it. */
class AccessTableTest {
    private static final String ACCOUNT = "0000000000000000000000a1";
    private static final String OTHER_ACCOUNT = "0000000000000000000000b2";
    private static final String APP = "0000000000000000000000c3";
    private static final String OTHER_APP = "0000000000000000000000d4";
    private static final String SERVICE_ACCOUNT = "0000000000000000000000e5";
    private static final String INTEGRATION = "0000000000000000000000f7";

    private final AccessTable table = AccessTable.standard();
    private final AccessPolicy policy = new AccessPolicy(table);

    /** What each kind of key reaches, for every action: the table written out again, by hand, once. */
    private static final Map<Action, Reach[]> EXPECTED = new EnumMap<>(Map.ofEntries(
            //                                 account         service account     app     integration
            Map.entry(Action.CREATE_APP, reaches(Reach.ACCOUNT, Reach.ACCOUNT, Reach.NONE,
                    Reach.NONE)),
            Map.entry(Action.LIST_APPS, reaches(Reach.ACCOUNT, Reach.GRANTED_APPS, Reach.NONE,
                    Reach.NONE)),
            Map.entry(Action.READ_APP, reaches(Reach.ACCOUNT, Reach.GRANTED_APPS, Reach.OWN_APP,
                    Reach.NONE_IN_OWN_APP)),
            Map.entry(Action.UPDATE_APP, reaches(Reach.ACCOUNT, Reach.GRANTED_APPS, Reach.OWN_APP,
                    Reach.NONE)),
            Map.entry(Action.DELETE_APP, reaches(Reach.ACCOUNT, Reach.GRANTED_APPS, Reach.NONE,
                    Reach.NONE)),
            Map.entry(Action.MANAGE_APP_KEYS, reaches(Reach.ACCOUNT, Reach.GRANTED_APPS, Reach.NONE,
                    Reach.NONE)),
            Map.entry(Action.GRANT_APP_ACCESS, reaches(Reach.ACCOUNT, Reach.NONE, Reach.NONE,
                    Reach.NONE)),
            Map.entry(Action.MANAGE_SERVICE_ACCOUNTS, reaches(Reach.ACCOUNT, Reach.NONE, Reach.NONE,
                    Reach.NONE)),
            Map.entry(Action.READ_ACCOUNT, reaches(Reach.ACCOUNT, Reach.NONE, Reach.NONE,
                    Reach.NONE)),
            Map.entry(Action.MANAGE_ACCOUNT_KEYS, reaches(Reach.ACCOUNT, Reach.NONE, Reach.NONE,
                    Reach.NONE)),
            Map.entry(Action.MANAGE_USERS, reaches(Reach.ACCOUNT, Reach.GRANTED_APPS, Reach.OWN_APP_HIDING_OTHERS,
                    Reach.OWN_APP_HIDING_OTHERS)),
            Map.entry(Action.MANAGE_CONVERSATIONS, reaches(Reach.ACCOUNT, Reach.GRANTED_APPS, Reach.OWN_APP_HIDING_OTHERS,
                    Reach.OWN_APP_HIDING_OTHERS)),
            Map.entry(Action.MANAGE_INTEGRATIONS, reaches(Reach.ACCOUNT, Reach.GRANTED_APPS,
                    Reach.OWN_APP_HIDING_OTHERS, Reach.NONE)),
            Map.entry(Action.MANAGE_WEBHOOKS, reaches(Reach.ACCOUNT, Reach.GRANTED_APPS, Reach.OWN_APP_HIDING_OTHERS,
                    Reach.OWN_INTEGRATION)),
            Map.entry(Action.MANAGE_SWITCHBOARDS, reaches(Reach.ACCOUNT, Reach.GRANTED_APPS,
                    Reach.OWN_APP_HIDING_OTHERS, Reach.NONE)),
            Map.entry(Action.CONTROL_CONVERSATIONS, reaches(Reach.ACCOUNT, Reach.GRANTED_APPS,
                    Reach.OWN_APP_HIDING_OTHERS, Reach.OWN_APP_HIDING_OTHERS)),
            Map.entry(Action.MANAGE_ATTACHMENTS, reaches(Reach.ACCOUNT, Reach.GRANTED_APPS,
                    Reach.OWN_APP_HIDING_OTHERS, Reach.OWN_APP_HIDING_OTHERS)),
            Map.entry(Action.READ_EVENTS, reaches(Reach.ACCOUNT, Reach.GRANTED_APPS, Reach.OWN_APP_HIDING_OTHERS,
                    Reach.OWN_APP_HIDING_OTHERS)),
            Map.entry(Action.EXPORT_APP_DATA, reaches(Reach.ACCOUNT, Reach.GRANTED_APPS,
                    Reach.OWN_APP_HIDING_OTHERS, Reach.OWN_APP_HIDING_OTHERS)),
            Map.entry(Action.IMPORT_APP_DATA, reaches(Reach.ACCOUNT, Reach.GRANTED_APPS,
                    Reach.OWN_APP_HIDING_OTHERS, Reach.NONE))));

    private static Reach[] reaches(Reach account, Reach serviceAccount, Reach app, Reach integration) {
        return new Reach[]{account, serviceAccount, app, integration};
    }

    @Test
    void everyActionOfEveryKindHasTheCellWrittenDown() {
        assertThat(EXPECTED.keySet()).as("every action is written down here").containsExactlyInAnyOrder(Action.values());
        KeyKind[] kinds = {KeyKind.ACCOUNT, KeyKind.SERVICE_ACCOUNT, KeyKind.APP, KeyKind.INTEGRATION};
        assertThat(kinds).as("every kind of key has a column here").containsExactlyInAnyOrder(KeyKind.values());
        EXPECTED.forEach((action, row) -> {
            for (int i = 0; i < kinds.length; i++) {
                assertThat(table.reach(kinds[i], action)).as(kinds[i] + " × " + action).isEqualTo(row[i]);
            }
        });
    }

    @Test
    void aTableWithoutACellStopsTheServer() {
        assertThatThrownBy(() -> AccessTable.parse("""
                action       ACCOUNT   SERVICE_ACCOUNT   APP
                CREATE_APP   ACCOUNT   ACCOUNT           NONE
                """)).isInstanceOf(IllegalStateException.class).hasMessageContaining("says nothing of");
        assertThatThrownBy(() -> AccessTable.parse("""
                action       ACCOUNT   SERVICE_ACCOUNT
                CREATE_APP   ACCOUNT   ACCOUNT
                """)).isInstanceOf(IllegalStateException.class).hasMessageContaining("APP");
        assertThatThrownBy(() -> AccessTable.parse("""
                action       ACCOUNT   SERVICE_ACCOUNT   APP
                CREATE_APP   ACCOUNT   ACCOUNT
                """)).isInstanceOf(IllegalStateException.class).hasMessageContaining("cells");
    }

    @Test
    void everyActionOnAnAppIsDecidedAsItsReachSays() {
        AppTarget ownApp = new AppTarget(APP, ACCOUNT, true);
        AppTarget otherAppReached = new AppTarget(OTHER_APP, ACCOUNT, true);
        AppTarget otherAppNotReached = new AppTarget(OTHER_APP, ACCOUNT, false);
        AppTarget ofAnotherAccount = new AppTarget(OTHER_APP, OTHER_ACCOUNT, true);
        for (Action action : Action.values()) {
            for (Principal caller : callers()) {
                Reach reach = table.reach(caller.kind(), action);
                assertThat(policy.onApp(caller, action, null)).as("no app").isEqualTo(Decision.NOT_FOUND);
                assertThat(policy.onApp(caller, action, ofAnotherAccount)).as("another account's app")
                        .isEqualTo(Decision.NOT_FOUND);
                boolean hidesOtherApps = table.reach(caller.kind(), Action.READ_APP) == Reach.NONE_IN_OWN_APP;
                Decision expected = hidesOtherApps ? Decision.NOT_FOUND : switch (reach) {
                    case ACCOUNT, GRANTED_APPS -> Decision.ALLOW;
                    case OWN_APP, NONE, NONE_IN_OWN_APP -> Decision.FORBIDDEN;
                    case OWN_APP_HIDING_OTHERS, OWN_INTEGRATION -> Decision.NOT_FOUND;
                };
                assertThat(policy.onApp(caller, action, otherAppReached)).as(caller.kind() + " × " + action)
                        .isEqualTo(expected);
                boolean boundByGrants = table.reach(caller.kind(), Action.READ_APP) == Reach.GRANTED_APPS;
                assertThat(policy.onApp(caller, action, otherAppNotReached)).as(caller.kind() + " × " + action
                        + " on an app it does not reach").isEqualTo(boundByGrants ? Decision.NOT_FOUND : expected);
                assertThat(policy.onApp(caller, action, ownApp)).as(caller.kind() + " × " + action + " on its app")
                        .isEqualTo(reach == Reach.NONE || reach == Reach.NONE_IN_OWN_APP ? Decision.FORBIDDEN
                                : Decision.ALLOW);
            }
        }
    }

    @Test
    void everyActionOnTheAccountAndItsRecordsIsDecidedAsItsReachSays() {
        for (Action action : Action.values()) {
            for (Principal caller : callers()) {
                Reach reach = table.reach(caller.kind(), action);
                boolean allowed = reach != Reach.NONE && reach != Reach.NONE_IN_OWN_APP;
                assertThat(policy.onOwnAccount(caller, action)).as(caller.kind() + " × " + action)
                        .isEqualTo(allowed ? Decision.ALLOW : Decision.FORBIDDEN);
                assertThat(policy.onRecordOf(caller, action, ACCOUNT)).as(caller.kind() + " × " + action)
                        .isEqualTo(allowed ? Decision.ALLOW : Decision.FORBIDDEN);
                assertThat(policy.onRecordOf(caller, action, OTHER_ACCOUNT)).as("another account's, " + action)
                        .isEqualTo(allowed ? Decision.NOT_FOUND : Decision.FORBIDDEN);
            }
        }
    }

    @Test
    void onlyCallersBoundByGrantsHaveAReachingServiceAccountAndNameOnlyTheirOwn() {
        Principal[] callers = callers();
        assertThat(policy.reachingServiceAccount(callers[0])).isNull();
        assertThat(policy.reachingServiceAccount(callers[1])).isEqualTo(SERVICE_ACCOUNT);
        assertThat(policy.reachingServiceAccount(callers[2])).isNull();
        assertThat(policy.onAppsOfServiceAccount(callers[0], "0000000000000000000000f6")).isEqualTo(Decision.ALLOW);
        assertThat(policy.onAppsOfServiceAccount(callers[1], SERVICE_ACCOUNT)).isEqualTo(Decision.ALLOW);
        assertThat(policy.onAppsOfServiceAccount(callers[1], "0000000000000000000000f6"))
                .isEqualTo(Decision.FORBIDDEN);
        assertThat(policy.onAppsOfServiceAccount(callers[2], SERVICE_ACCOUNT)).isEqualTo(Decision.FORBIDDEN);
        assertThat(policy.reachingServiceAccount(callers[3])).isNull();
        assertThat(policy.onAppsOfServiceAccount(callers[3], SERVICE_ACCOUNT)).isEqualTo(Decision.FORBIDDEN);
    }

    @Test
    void anIntegrationKeyManagesTheWebhooksOfItsOwnIntegrationOnly() {
        Principal[] callers = callers();
        for (Principal caller : callers) {
            Decision expected = caller.kind() == KeyKind.INTEGRATION ? Decision.FORBIDDEN : Decision.ALLOW;
            assertThat(policy.onIntegration(caller, Action.MANAGE_WEBHOOKS, "0000000000000000000000f8"))
                    .as(caller.kind() + " on another integration").isEqualTo(expected);
            assertThat(policy.onIntegration(caller, Action.MANAGE_WEBHOOKS, INTEGRATION))
                    .as(caller.kind() + " on the integration").isEqualTo(Decision.ALLOW);
        }
    }

    /** One caller of each kind, in the account; the app key's and the integration key's app is {@link #APP}. */
    private static Principal[] callers() {
        return new Principal[]{
                new Principal(ACCOUNT, KeyKind.ACCOUNT, "act_" + ACCOUNT, null, null, null, Origin.NONE),
                new Principal(ACCOUNT, KeyKind.SERVICE_ACCOUNT, "svc_" + ACCOUNT, null, SERVICE_ACCOUNT, null,
                        Origin.NONE),
                new Principal(ACCOUNT, KeyKind.APP, "app_" + ACCOUNT, APP, null, null, Origin.NONE),
                new Principal(ACCOUNT, KeyKind.INTEGRATION, "int_" + ACCOUNT, APP, null, INTEGRATION, Origin.NONE)};
    }
}
