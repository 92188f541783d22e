package dev.parley.attachments;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * File names as Parley keeps and serves them: letters and digits of any script, dots, dashes and underscores, at
 * most 200 characters; anything else (separators, spaces, quotes, controls) becomes an underscore. Such a name is
 * safe in a URL path segment and in a Content-Disposition header.
 */
final class FileNames {
    static final String DEFAULT = "file";
    private static final int MAX_CODE_POINTS = 200;

    private FileNames() {
    }

    static String sanitise(String fileName) {
        if (fileName == null) {
            return DEFAULT;
        }
        String base = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
        StringBuilder safe = new StringBuilder();
        Normalizer.normalize(base, Normalizer.Form.NFC).codePoints().limit(MAX_CODE_POINTS).forEach(c -> {
            boolean kept = Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_';
            safe.appendCodePoint(kept ? c : '_');
        });
        String name = safe.toString().replaceAll("_{2,}", "_").replaceFirst("^\\.+", "");
        return name.isEmpty() ? DEFAULT : name;
    }

    /** The name percent-encoded as UTF-8: a URL path segment, and RFC 8187's value-chars (no + for a space). */
    static String encoded(String safeName) {
        return URLEncoder.encode(safeName, StandardCharsets.UTF_8);
    }

    /**
     * RFC 6266's header: an ASCII {@code filename} for old clients (other characters as underscores), and
     * {@code filename*} with the whole name in UTF-8.
     */
    static String contentDisposition(String safeName, boolean inline) {
        String ascii = safeName.codePoints().map(c -> c < 0x80 ? c : '_')
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return (inline ? "inline" : "attachment") + "; filename=\"" + ascii + "\"; filename*=UTF-8''"
                + encoded(safeName);
    }
}
