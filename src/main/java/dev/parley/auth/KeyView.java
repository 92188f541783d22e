package dev.parley.auth;

/** A key as the API shows it: {@code {"id","displayName","secret"}}. */
public record KeyView(String id, String displayName, String secret) {
    @Override
    public String toString() {
        return "KeyView[" + id + "]";
    }
}
