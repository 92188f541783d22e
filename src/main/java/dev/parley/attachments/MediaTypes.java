package dev.parley.attachments;

import java.net.URLConnection;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The media type an attachment is stored and served with, and whether a browser may show it inline. Only types a
 * browser shows without running anything are inline; everything else (HTML, SVG, JavaScript, XML, and whatever this
 * list does not know) is served as a download.
 */
final class MediaTypes {
    static final String UNKNOWN = "application/octet-stream";
    private static final Pattern TYPE = Pattern.compile(
            "[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}");
    private static final Set<String> INLINE = Set.of("image/png", "image/jpeg", "image/gif", "image/webp",
            "image/avif", "image/bmp", "application/pdf", "text/plain");
    private static final Set<String> INLINE_FAMILIES = Set.of("audio/", "video/");

    private MediaTypes() {
    }

    /**
     * The part's Content-Type as {@code type/subtype}, without parameters; when it says nothing more than
     * {@link #UNKNOWN} (absent, invalid, or that type itself, which the published Java client sends for every
     * file), the type the JDK's table gives the file name's extension, or else {@link #UNKNOWN}.
     */
    static String of(String contentType, String fileName) {
        String sent = sanitise(contentType);
        return sent.equals(UNKNOWN) ? sanitise(URLConnection.guessContentTypeFromName(fileName)) : sent;
    }

    private static String sanitise(String contentType) {
        if (contentType == null) {
            return UNKNOWN;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip()
                .toLowerCase(Locale.ROOT);
        return TYPE.matcher(type).matches() ? type : UNKNOWN;
    }

    static boolean inline(String mediaType) {
        return INLINE.contains(mediaType) || INLINE_FAMILIES.stream().anyMatch(mediaType::startsWith);
    }
}
