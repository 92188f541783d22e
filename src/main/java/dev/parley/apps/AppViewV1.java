package dev.parley.apps;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;

/** An app as the v1.1 API shows it: {@code {"_id","appToken","name","settings","metadata"}}. */
public record AppViewV1(@JsonProperty("_id") String id, String appToken, String name, AppSettings settings,
                        @JsonRawValue String metadata) {

    public static AppViewV1 of(App app) {
        return new AppViewV1(app.id(), app.appToken(), app.displayName(), app.settings(), app.metadata());
    }
}
