package dev.parley.dashboard;

import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpStatus;

/**
 * The dashboard's redirects: 303 See Other, which the browser follows with a GET, so a reload never posts a form
 * again. The body is empty and said to be HTML: the server's default content type, JSON, would announce a JSON body.
 */
final class Redirects {
    private Redirects() {
    }

    static void seeOther(Context ctx, String location) {
        ctx.status(HttpStatus.SEE_OTHER).header(Header.LOCATION, location).contentType("text/html; charset=utf-8")
                .result("");
    }

    /** To a page that shows the notice: the URL names it by code only. */
    static void seeOther(Context ctx, String page, Notice notice) {
        seeOther(ctx, page + "?notice=" + notice.code());
    }
}
