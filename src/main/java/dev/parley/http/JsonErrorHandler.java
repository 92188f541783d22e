package dev.parley.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the errors Jetty raises before any route runs (a malformed request line or header, a control byte in
 * the path, an oversized URI) in the API's error shape rather than an HTML page, and never with a stack trace.
 */
public final class JsonErrorHandler extends ErrorHandler {

    public JsonErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
        setShowMessageInTitle(false);
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws IOException {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        SecurityHeaders.forEach((name, value) -> response.getHeaders().put(name, value));
        response.getHeaders().put(RequestContext.REQUEST_ID_HEADER,
                RequestContext.saneOrNew(request.getHeaders().get(RequestContext.REQUEST_ID_HEADER)));
        // Jetty closes the connection after some of these errors (a path it cannot decode, say) without telling
        // the client, which then sends its next request on a dead connection; a POST is never retried. Every
        // error raised this early closes the connection, and says so.
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        RefusedBodies.discard(request);
        if (code == 503) {
            // Refused while the server stops: another server, or this one restarted, can take it in a moment.
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
        }
        response.write(true, ByteBuffer.wrap(body(code)), callback);
    }

    /** Every method gets the JSON error, not only GET, POST and HEAD (Jetty's default). */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json"));
        SecurityHeaders.forEach(fields::put);
        fields.put(RequestContext.REQUEST_ID_HEADER, RequestContext.newRequestId());
        return ByteBuffer.wrap(body(status));
    }

    static byte[] body(int status) {
        String json = "{\"errors\":[{\"code\":\"" + ErrorCodes.codeFor(status) + "\",\"title\":\""
                + ErrorCodes.titleFor(status) + "\"}]}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

}
