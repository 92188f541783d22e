package dev.parley.dashboard;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.ApiException;
import dev.parley.apps.AppSettings;
import dev.parley.http.Json;
import io.javalin.http.Context;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings form: one typed field per app setting (a number input, or a checkbox for each boolean), read into
 * the API's {@code {"settings": {...}}} body so that the app service checks it as it checks the API's; its errors,
 * which name the setting, are put next to that setting's field.
 */
final class AppSettingsForm {
    static final String RETENTION = "conversationRetentionSeconds";
    private static final Pattern SETTING_ERROR = Pattern.compile("settings\\.(\\w+) (.+)");
    private static final TypeReference<Map<String, Object>> SETTINGS = new TypeReference<>() {
    };
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");

    /** A setting as the form shows it. */
    record Field(String name, String label, String hint, boolean number) {
    }

    static final List<Field> FIELDS = List.of(
            new Field(RETENTION, "Conversation retention (seconds)",
                    "Messages of conversations inactive this long are deleted. Empty keeps the current value.", true),
            new Field("maskCreditCardNumbers", "Mask credit card numbers",
                    "Card numbers in messages are masked before they are stored.", false),
            new Field("useAnimalNames", "Use animal names", "Users without a name get an animal name.", false),
            new Field("echoPostback", "Echo postbacks", "A postback button's text is added to the conversation.",
                    false),
            new Field("ignoreAutoConversationStart", "Ignore automatic conversation starts",
                    "No conversation:start event when a conversation starts by itself.", false),
            new Field("multiConvoEnabled", "Several conversations per user",
                    "Users may have more than one personal conversation. Once on, it cannot be turned off.", false),
            new Field("appLocalizationEnabled", "App localization", "Clients show the app's translated texts.",
                    false),
            new Field("endSessionEnabled", "Sessions can end",
                    "Conversations can be ended. Needs several conversations per user.", false),
            new Field("disableConversationReopen", "No reopening",
                    "An ended conversation cannot be reopened. Needs several conversations per user.", false));

    private AppSettingsForm() {
    }

    /** The values the form shows: the app's, by setting name. */
    static Map<String, Object> values(AppSettings settings) {
        Map<String, Object> values = new LinkedHashMap<>(Json.mapper().convertValue(settings, SETTINGS));
        values.putIfAbsent(RETENTION, "");
        return values;
    }

    /** The values as sent, to show them again with an error. */
    static Map<String, Object> sent(Context ctx) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field field : FIELDS) {
            values.put(field.name(), field.number() ? Forms.field(ctx, field.name()) : checked(ctx, field.name()));
        }
        return values;
    }

    /**
     * The body the API would take. A number is sent as a number when it is an integer and as the text typed
     * otherwise, so that the service's own check refuses it; an empty number field leaves that setting as it is.
     */
    static ObjectNode body(Context ctx) {
        ObjectNode body = Json.mapper().createObjectNode();
        ObjectNode settings = body.putObject("settings");
        for (Field field : FIELDS) {
            if (!field.number()) {
                settings.put(field.name(), checked(ctx, field.name()));
                continue;
            }
            String typed = Forms.field(ctx, field.name());
            if (INTEGER.matcher(typed).matches()) {
                settings.put(field.name(), new BigInteger(typed));
            } else if (!typed.isEmpty()) {
                settings.put(field.name(), typed);
            }
        }
        return body;
    }

    /** The error by the field it names ({@code settings.NAME ...}), or under "form" when it names none. */
    static Map<String, String> errors(ApiException error) {
        Matcher named = SETTING_ERROR.matcher(error.title());
        if (named.matches() && FIELDS.stream().anyMatch(field -> field.name().equals(named.group(1)))) {
            String rest = named.group(2).replace("settings.", "");
            return Map.of(named.group(1), rest.substring(0, 1).toUpperCase(Locale.ROOT) + rest.substring(1)
                    + (rest.endsWith(".") ? "" : "."));
        }
        return Map.of("form", ErrorMessages.of(error));
    }

    private static boolean checked(Context ctx, String name) {
        return ctx.formParam(name) != null;
    }
}
