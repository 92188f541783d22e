package dev.parley.http;

import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Keeps the router from answering for a method other than the one the request was sent with:
 * <ul>
 *   <li>X-HTTP-Method-Override is refused (400). The router would honour it, so a PATCH, or a GET that a proxy in
 *       front lets through, could act as a DELETE.</li>
 *   <li>HEAD is refused (405), except on the health probes, which answer it themselves. The router would answer HEAD
 *       for any other GET route with an empty 200 without running the route, so without authenticating or finding
 *       anything: an answer GET would not give.</li>
 * </ul>
 */
final class MethodGuard extends Handler.Wrapper {
    static final String OVERRIDE_HEADER = "X-HTTP-Method-Override";

    private final Set<String> pathsAnsweringHead;

    MethodGuard(Handler handler, Set<String> pathsAnsweringHead) {
        super(handler);
        this.pathsAnsweringHead = pathsAnsweringHead;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (request.getHeaders().contains(OVERRIDE_HEADER)) {
            refuse(request, response, callback, 400);
            return true;
        }
        if ("HEAD".equals(request.getMethod()) && !pathsAnsweringHead.contains(Request.getPathInContext(request))) {
            refuse(request, response, callback, 405);
            return true;
        }
        return super.handle(request, response, callback);
    }

    /**
     * Answers before the body is read, so the body is read and dropped first (up to the size the API reads and
     * drops for a 413): otherwise the connection is closed while the client is still sending, and the close can
     * reset it before the client reads the answer (seen with 84 KB bodies on a busy machine).
     */
    private static void refuse(Request request, Response response, Callback callback, int status) throws Exception {
        long declared = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        if (declared > 0 && declared <= JsonBody.MAX_DISCARDED_BYTES) {
            Content.Source.consumeAll(request);
        }
        Response.writeError(request, response, callback, status);
    }
}
