package dev.parley.apps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.http.Json;

/**
 * App settings as the apps table stores them: a JSON object. Most apps share a handful of distinct settings, and
 * reading an app is the hottest path of the API, so parsed settings are kept by their stored text (they are
 * immutable) instead of being parsed on every read.
 */
final class StoredSettings {
    private static final ObjectReader READER = Json.mapper().readerFor(AppSettings.class);
    private static final ObjectWriter WRITER = Json.mapper().writerFor(AppSettings.class);
    private static final Cache<String, AppSettings> PARSED = Caffeine.newBuilder().maximumSize(1_000).build();

    private StoredSettings() {
    }

    static String write(AppSettings settings) {
        try {
            return WRITER.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("app settings could not be written", e);
        }
    }

    static AppSettings read(String stored) {
        return PARSED.get(stored, StoredSettings::parse);
    }

    private static AppSettings parse(String stored) {
        try {
            return READER.readValue(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored app settings could not be read", e);
        }
    }
}
