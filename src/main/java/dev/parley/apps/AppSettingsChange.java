package dev.parley.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.ApiException;
import dev.parley.http.JsonFields;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings a request gives, checked field by field, and the rules that depend on the app's current settings:
 * multiConvoEnabled cannot go back from true to false, and endSessionEnabled and disableConversationReopen need it.
 * A setting given as null is left as it is.
 */
public final class AppSettingsChange {
    private final Map<String, Object> values;

    private AppSettingsChange(Map<String, Object> values) {
        this.values = values;
    }

    public static final AppSettingsChange NONE = new AppSettingsChange(Map.of());

    public static AppSettingsChange parse(JsonNode node) {
        if (node == null || node.isNull()) {
            return NONE;
        }
        if (!node.isObject()) {
            throw ApiException.badRequest("settings must be an object");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = ((ObjectNode) node).fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            String where = "settings." + JsonFields.printable(name);
            switch (name) {
                case "conversationRetentionSeconds" -> {
                    if (!value.isNull()) {
                        values.put(name, (int) JsonFields.integer(value, where, 0, Integer.MAX_VALUE));
                    }
                }
                case "maskCreditCardNumbers", "useAnimalNames", "echoPostback", "ignoreAutoConversationStart",
                     "multiConvoEnabled", "appLocalizationEnabled", "endSessionEnabled", "disableConversationReopen" -> {
                    if (!value.isNull()) {
                        values.put(name, JsonFields.bool(value, where));
                    }
                }
                default -> throw ApiException.badRequest(where + " is not a known app setting");
            }
        }
        return new AppSettingsChange(values);
    }

    public AppSettings applyTo(AppSettings current) {
        AppSettings next = new AppSettings(
                (Integer) values.getOrDefault("conversationRetentionSeconds", current.conversationRetentionSeconds()),
                flag("maskCreditCardNumbers", current.maskCreditCardNumbers()),
                flag("useAnimalNames", current.useAnimalNames()),
                flag("echoPostback", current.echoPostback()),
                flag("ignoreAutoConversationStart", current.ignoreAutoConversationStart()),
                flag("multiConvoEnabled", current.multiConvoEnabled()),
                flag("appLocalizationEnabled", current.appLocalizationEnabled()),
                flag("endSessionEnabled", current.endSessionEnabled()),
                flag("disableConversationReopen", current.disableConversationReopen()));
        if (current.multiConvoEnabled() && !next.multiConvoEnabled()) {
            throw ApiException.badRequest("settings.multiConvoEnabled cannot be turned off once enabled");
        }
        if (!next.multiConvoEnabled() && flag("endSessionEnabled", false)) {
            throw ApiException.badRequest("settings.endSessionEnabled requires settings.multiConvoEnabled");
        }
        if (!next.multiConvoEnabled() && flag("disableConversationReopen", false)) {
            throw ApiException.badRequest("settings.disableConversationReopen requires settings.multiConvoEnabled");
        }
        return next;
    }

    private boolean flag(String name, boolean current) {
        return (Boolean) values.getOrDefault(name, current);
    }
}
