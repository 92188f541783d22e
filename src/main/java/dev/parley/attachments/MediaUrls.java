package dev.parley.attachments;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Media URLs: {@code {base}/media/{appId}/{token}/{file name}}, where the token is 256 random bits (base64url) that
 * nothing else in Parley carries, so no answer to any other request lets one be derived. The file name is there for
 * people and downloads; only the app and the token find the attachment.
 */
final class MediaUrls {
    static final String PREFIX = "/media/";
    static final String ROUTE = PREFIX + "{appId}/{token}/{fileName}";
    private static final Pattern PATH = Pattern.compile(
            Pattern.quote(PREFIX) + "([0-9a-f]{24})/([A-Za-z0-9_-]{43})/[^/?#]+");

    /** The app and token a media URL names. */
    record MediaRef(String appId, String token) {
    }

    private MediaUrls() {
    }

    static String of(String base, String appId, String token, String fileName) {
        return base + PREFIX + appId + "/" + token + "/" + FileNames.encoded(fileName);
    }

    /** The attachment a URL of this server names: the URL is this server's base followed by a media path. */
    static Optional<MediaRef> parse(String url, String base) {
        return url.startsWith(base) ? parsePath(url.substring(base.length())) : Optional.empty();
    }

    /**
     * The attachment a URL names by its path alone, whatever its host: for message content, which names media URLs
     * as the caller wrote them. The token alone makes a match.
     */
    static Optional<MediaRef> parseAnyHost(String url) {
        int media = url.indexOf(PREFIX, url.indexOf("//") + 2);
        return media < 0 ? Optional.empty() : parsePath(url.substring(media));
    }

    private static Optional<MediaRef> parsePath(String path) {
        Matcher matcher = PATH.matcher(path);
        return matcher.matches() ? Optional.of(new MediaRef(matcher.group(1), matcher.group(2))) : Optional.empty();
    }
}
