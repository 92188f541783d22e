package dev.parley.backup;

import dev.parley.audit.Actor;
import dev.parley.http.RequestContext;
import dev.parley.http.RouteGroup;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** {@code POST /admin/backup}: an online backup of the embedded database, as a zip (guarded by {@code OperatorAuth}). */
public final class BackupRoutes implements RouteGroup {
    private final EmbeddedBackups backups;

    public BackupRoutes(EmbeddedBackups backups) {
        this.backups = backups;
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi routes) {
        routes.post("/admin/backup", ctx -> {
            Path file = backups.take(Actor.operator(RequestContext.origin(ctx)));
            // Javalin closes the stream once it is sent (or the client is gone), which deletes the temporary file.
            // A zip has no character set: drop the UTF-8 that Javalin gives every answer.
            ctx.res().setCharacterEncoding(null);
            ctx.contentType("application/zip")
                    .header("Content-Disposition", "attachment; filename=\"parley-backup.zip\"")
                    .result(Files.newInputStream(file, StandardOpenOption.DELETE_ON_CLOSE));
        });
    }
}
