package dev.parley.apps;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The typed settings of an app, every one present in responses with its default;
 * {@code conversationRetentionSeconds} only once set.
 */
public record AppSettings(
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer conversationRetentionSeconds,
        boolean maskCreditCardNumbers,
        boolean useAnimalNames,
        boolean echoPostback,
        boolean ignoreAutoConversationStart,
        boolean multiConvoEnabled,
        boolean appLocalizationEnabled,
        boolean endSessionEnabled,
        boolean disableConversationReopen) {

    public static final AppSettings DEFAULTS =
            new AppSettings(null, true, false, false, false, false, false, false, false);
}
