package dev.parley.config;

/** Database URLs as they may appear in logs and messages: any password parameter masked. */
public final class DatabaseUrls {
    private DatabaseUrls() {
    }

    public static String redact(String url) {
        return url == null ? null : url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
