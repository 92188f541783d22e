package dev.parley.attachments;

import dev.parley.api.ApiException;
import dev.parley.http.RouteGroup;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.http.ByteRange;

/**
 * Serves attachments at their media URLs, without authentication (the URL's token is the secret), for GET and HEAD.
 * One byte range per request is served (206); a request for several gets the whole file, as HTTP allows. The bytes
 * are copied from storage to the response a buffer at a time.
 */
public final class MediaRoutes implements RouteGroup {
    /**
     * Browsers may keep a file for a few minutes, shared caches not at all: a removed attachment stops being served
     * within that time everywhere.
     */
    static final String CACHE_CONTROL = "private, max-age=300";
    /** Nothing a served file holds may run script, even HTML opened from a download. */
    static final String SANDBOX = "sandbox; default-src 'none'; img-src 'self'; media-src 'self'; "
            + "style-src 'unsafe-inline'";
    private static final int COPY_BYTES = 64 * 1024;

    private final AttachmentService attachments;

    public MediaRoutes(AttachmentService attachments) {
        this.attachments = attachments;
    }

    @Override
    public Set<String> pathPrefixesAnsweringHead() {
        return Set.of(MediaUrls.PREFIX);
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi routes) {
        routes.get(MediaUrls.ROUTE, serve(true));
        routes.head(MediaUrls.ROUTE, serve(false));
    }

    private Handler serve(boolean withBody) {
        return ctx -> {
            Attachment attachment = attachments.find(ctx.pathParam("appId"), ctx.pathParam("token"))
                    .orElseThrow(() -> ApiException.notFound("Attachment not found"));
            long size = attachment.size();
            ByteRange range = range(ctx, size);
            boolean inline = MediaTypes.inline(attachment.mediaType());
            ctx.header("Accept-Ranges", "bytes");
            ctx.header("Cache-Control", CACHE_CONTROL);
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Content-Disposition", FileNames.contentDisposition(attachment.fileName(), inline));
            if (!attachment.mediaType().equals("application/pdf")) {
                // Browsers refuse to show a PDF in a sandbox: a PDF keeps the API's own policy, default-src 'none'.
                ctx.header("Content-Security-Policy", SANDBOX);
            }
            long first = range == null ? 0 : range.first();
            long length = range == null ? size : range.getLength();
            if (range != null) {
                ctx.status(206).header("Content-Range", range.toHeaderValue(size));
            }
            // As stored: without the charset the server would otherwise add to every type.
            ctx.res().setCharacterEncoding(null);
            ctx.res().setContentType(attachment.mediaType());
            ctx.res().setContentLengthLong(length);
            if (withBody && length > 0) {
                try (InputStream in = attachments.open(attachment, first)) {
                    copy(in, ctx.res().getOutputStream(), length);
                }
            }
        };
    }

    /**
     * The one range asked for, or null to serve the whole file: no Range header, several ranges, or an If-Range
     * (Parley gives no validators, so none can match). A range outside the file answers 416.
     */
    private static ByteRange range(Context ctx, long size) {
        String header = ctx.header("Range");
        if (header == null || ctx.header("If-Range") != null) {
            return null;
        }
        List<ByteRange> ranges = ByteRange.parse(List.of(header), size);
        if (ranges.isEmpty()) {
            ctx.header("Content-Range", ByteRange.toNonSatisfiableHeaderValue(size));
            throw new ApiException(416, "range_not_satisfiable", "The requested range is not within the file");
        }
        return ranges.size() == 1 ? ranges.get(0) : null;
    }

    private static void copy(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[COPY_BYTES];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("the stored file is shorter than its recorded size");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }
}
