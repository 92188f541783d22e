package dev.parley.auth;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Who may do what, written out as a table: for every action (a row) and every kind of key (a column), how far the
 * key reaches. Nothing of another account ever exists for anyone, whatever the table says. A signed-in dashboard
 * owner acts as an account key of its account. A kind or action missing from the table stops the server at start
 * (and fails {@code AccessTableTest}); nothing is allowed by default.
 */
public final class AccessTable {
    private static final String STANDARD = """
            action                    ACCOUNT   SERVICE_ACCOUNT   APP                     INTEGRATION
            CREATE_APP                ACCOUNT   ACCOUNT           NONE                    NONE
            LIST_APPS                 ACCOUNT   GRANTED_APPS      NONE                    NONE
            READ_APP                  ACCOUNT   GRANTED_APPS      OWN_APP                 NONE_IN_OWN_APP
            UPDATE_APP                ACCOUNT   GRANTED_APPS      OWN_APP                 NONE
            DELETE_APP                ACCOUNT   GRANTED_APPS      NONE                    NONE
            MANAGE_APP_KEYS           ACCOUNT   GRANTED_APPS      NONE                    NONE
            GRANT_APP_ACCESS          ACCOUNT   NONE              NONE                    NONE
            MANAGE_SERVICE_ACCOUNTS   ACCOUNT   NONE              NONE                    NONE
            READ_ACCOUNT              ACCOUNT   NONE              NONE                    NONE
            MANAGE_ACCOUNT_KEYS       ACCOUNT   NONE              NONE                    NONE
            MANAGE_USERS              ACCOUNT   GRANTED_APPS      OWN_APP_HIDING_OTHERS   OWN_APP_HIDING_OTHERS
            MANAGE_CONVERSATIONS      ACCOUNT   GRANTED_APPS      OWN_APP_HIDING_OTHERS   OWN_APP_HIDING_OTHERS
            READ_EVENTS               ACCOUNT   GRANTED_APPS      OWN_APP_HIDING_OTHERS   OWN_APP_HIDING_OTHERS
            MANAGE_INTEGRATIONS       ACCOUNT   GRANTED_APPS      OWN_APP_HIDING_OTHERS   NONE
            MANAGE_WEBHOOKS           ACCOUNT   GRANTED_APPS      OWN_APP_HIDING_OTHERS   OWN_INTEGRATION
            MANAGE_SWITCHBOARDS       ACCOUNT   GRANTED_APPS      OWN_APP_HIDING_OTHERS   NONE
            CONTROL_CONVERSATIONS     ACCOUNT   GRANTED_APPS      OWN_APP_HIDING_OTHERS   OWN_APP_HIDING_OTHERS
            MANAGE_ATTACHMENTS        ACCOUNT   GRANTED_APPS      OWN_APP_HIDING_OTHERS   OWN_APP_HIDING_OTHERS
            EXPORT_APP_DATA           ACCOUNT   GRANTED_APPS      OWN_APP_HIDING_OTHERS   OWN_APP_HIDING_OTHERS
            IMPORT_APP_DATA           ACCOUNT   GRANTED_APPS      OWN_APP_HIDING_OTHERS   NONE
            """;

    private final Map<KeyKind, Map<Action, Reach>> cells;

    private AccessTable(Map<KeyKind, Map<Action, Reach>> cells) {
        this.cells = cells;
    }

    /** Parley's rules. */
    public static AccessTable standard() {
        return parse(STANDARD);
    }

    /** Reads a table laid out like {@link #STANDARD}; every kind and every action must have its cell. */
    static AccessTable parse(String text) {
        List<String[]> lines = text.lines().map(String::strip).filter(line -> !line.isEmpty())
                .map(line -> line.split("\\s+")).toList();
        String[] header = lines.get(0);
        Map<KeyKind, Map<Action, Reach>> cells = new EnumMap<>(KeyKind.class);
        for (String[] line : lines.subList(1, lines.size())) {
            if (line.length != header.length) {
                throw new IllegalStateException("the access table's row " + line[0] + " has " + (line.length - 1)
                        + " cells for " + (header.length - 1) + " kinds of key");
            }
            Action action = Action.valueOf(line[0]);
            for (int column = 1; column < header.length; column++) {
                Reach previous = cells.computeIfAbsent(KeyKind.valueOf(header[column]), k -> new EnumMap<>(Action.class))
                        .put(action, Reach.valueOf(line[column]));
                if (previous != null) {
                    throw new IllegalStateException("the access table names " + action + " twice");
                }
            }
        }
        for (KeyKind kind : KeyKind.values()) {
            for (Action action : Action.values()) {
                if (!cells.containsKey(kind) || !cells.get(kind).containsKey(action)) {
                    throw new IllegalStateException("the access table says nothing of " + kind + " × " + action);
                }
            }
        }
        return new AccessTable(cells);
    }

    public Reach reach(KeyKind kind, Action action) {
        return cells.get(kind).get(action);
    }
}
