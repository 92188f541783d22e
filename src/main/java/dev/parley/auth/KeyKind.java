package dev.parley.auth;

import dev.parley.crypto.IdGenerator;
import java.util.Locale;

/** The kinds of API key; each id starts with its kind's prefix. */
public enum KeyKind {
    ACCOUNT("act_", "account"),
    APP("app_", "app"),
    SERVICE_ACCOUNT("svc_", "account"),
    INTEGRATION("int_", "integration");

    private final String prefix;
    private final String jwtScope;

    KeyKind(String prefix, String jwtScope) {
        this.prefix = prefix;
        this.jwtScope = jwtScope;
    }

    public String prefix() {
        return prefix;
    }

    /** A new id for a key of this kind, such as {@code app_5d8cff3cd55b040010928b5b}. */
    public String newId(IdGenerator ids) {
        return prefix + ids.next();
    }

    /** How the store and the audit log name the kind: {@code account}, {@code app}, {@code service_account},
     * {@code integration}. */
    public String storedName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind a stored name names. */
    public static KeyKind ofStoredName(String storedName) {
        return valueOf(storedName.toUpperCase(Locale.ROOT));
    }

    /** The JWT {@code scope} claim a token signed by a key of this kind must carry. */
    public String jwtScope() {
        return jwtScope;
    }

    /** The kind named by a key id's prefix, or null when the text is not a well-formed key id. */
    public static KeyKind ofKeyId(String keyId) {
        if (keyId == null) {
            return null;
        }
        for (KeyKind kind : values()) {
            if (keyId.startsWith(kind.prefix) && IdGenerator.isId(keyId.substring(kind.prefix.length()))) {
                return kind;
            }
        }
        return null;
    }
}
