package dev.parley.http;

import java.util.Set;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Keeps the router from answering for a method other than the one the request was sent with:
 * <ul>
 *   <li>X-HTTP-Method-Override is refused (400). The router would honour it, so a PATCH, or a GET that a proxy in
 *       front lets through, could act as a DELETE.</li>
 *   <li>HEAD is refused (405), except on the health probes and served attachments, which answer it themselves.
 *       The router would answer HEAD for any other GET route with an empty 200 without running the route, so
 *       without authenticating or finding anything: an answer GET would not give.</li>
 * </ul>
 */
final class MethodGuard extends Handler.Wrapper {
    static final String OVERRIDE_HEADER = "X-HTTP-Method-Override";

    private final Set<String> pathsAnsweringHead;
    private final Set<String> prefixesAnsweringHead;

    MethodGuard(Handler handler, Set<String> pathsAnsweringHead, Set<String> prefixesAnsweringHead) {
        super(handler);
        this.pathsAnsweringHead = pathsAnsweringHead;
        this.prefixesAnsweringHead = prefixesAnsweringHead;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (request.getHeaders().contains(OVERRIDE_HEADER)) {
            refuse(request, response, callback, 400);
            return true;
        }
        if ("HEAD".equals(request.getMethod()) && !answersHead(Request.getPathInContext(request))) {
            refuse(request, response, callback, 405);
            return true;
        }
        return super.handle(request, response, callback);
    }

    private boolean answersHead(String path) {
        return pathsAnsweringHead.contains(path) || prefixesAnsweringHead.stream().anyMatch(path::startsWith);
    }

    private static void refuse(Request request, Response response, Callback callback, int status) throws Exception {
        RefusedBodies.discard(request);
        Response.writeError(request, response, callback, status);
    }
}
