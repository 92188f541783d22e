package dev.parley.dashboard;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** The stylesheet and the one script, served from the jar; only the files named here exist. */
final class DashboardAssets {
    static final String PATH = "/dashboard/assets/";
    private static final Map<String, String> TYPES = Map.of(
            "dashboard.css", "text/css; charset=utf-8",
            "copy.js", "text/javascript; charset=utf-8");

    private final Map<String, byte[]> files;

    DashboardAssets() {
        this.files = Map.of("dashboard.css", read("dashboard.css"), "copy.js", read("copy.js"));
    }

    void addTo(JavalinDefaultRoutingApi routes) {
        routes.get(PATH + "{file}", this::serve);
    }

    private void serve(Context ctx) {
        String name = ctx.pathParam("file");
        byte[] content = files.get(name);
        if (content == null) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("Not found");
            return;
        }
        // Assets hold no secret; unlike pages they may be kept for a while.
        ctx.header("Cache-Control", "public, max-age=300");
        ctx.contentType(TYPES.get(name)).result(content);
    }

    private static byte[] read(String name) {
        try (InputStream in = DashboardAssets.class.getResourceAsStream("/dashboard/assets/" + name)) {
            if (in == null) {
                throw new IllegalStateException("dashboard asset missing from the jar: " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
