package dev.parley.transfer;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.Timestamps;
import dev.parley.apps.AppAccess;
import dev.parley.auth.AccessPolicy;
import dev.parley.auth.Action;
import dev.parley.auth.AppTarget;
import dev.parley.auth.Decision;
import dev.parley.auth.Principal;
import dev.parley.http.Json;
import dev.parley.store.Database;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * Writes an app's data as newline-delimited JSON, one record a line: first the {@code app} line, then each section's
 * records in the order import replays them, and last the {@code end} line with the number of records, by which a
 * reader tells a complete export from one cut short. One snapshot transaction reads it all, so the export is the app as it
 * was at one instant; rows are read in pages and written as they are read, so memory stays the same whatever the
 * app's size.
 */
public final class AppExport {
    public static final int FORMAT_VERSION = 1;
    /** The kind of the last line, which only a complete export has. */
    static final String END = "end";
    private static final int BUFFER_BYTES = 64 * 1024;

    private final Database database;
    private final AppAccess apps;
    private final AccessPolicy policy;
    private final List<TransferSection> sections;
    private final Clock clock;
    private final ObjectWriter writer = Json.mapper().writer();

    public AppExport(Database database, AppAccess apps, AccessPolicy policy, List<TransferSection> sections,
                     Clock clock) {
        this.database = database;
        this.apps = apps;
        this.policy = policy;
        this.sections = List.copyOf(sections);
        this.clock = clock;
    }

    /**
     * Checks that the caller may export the app, then opens the response (only then: a refusal still answers its
     * error) and writes the export to it. A client that goes away ends it with an {@link UncheckedIOException}.
     */
    public void write(Principal caller, String appId, Supplier<OutputStream> response) {
        database.inSnapshot(handle -> {
            AppTarget app = apps.require(handle, caller, Action.EXPORT_APP_DATA, appId);
            try (OutputStream out = new BufferedOutputStream(response.get(), BUFFER_BYTES)) {
                line(out, Json.mapper().createObjectNode().put(Records.KIND, "app")
                        .put("formatVersion", FORMAT_VERSION).put("appId", appId)
                        .put("exportedAt", Timestamps.format(clock.instant())));
                long[] records = {0};
                for (TransferSection section : sections) {
                    if (policy.onApp(caller, section.readAction(), app) != Decision.ALLOW) {
                        continue;
                    }
                    section.export(handle, appId, record -> {
                        line(out, record);
                        records[0]++;
                    });
                }
                line(out, Json.mapper().createObjectNode().put(Records.KIND, END).put("records", records[0]));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        });
    }

    private void line(OutputStream out, ObjectNode record) {
        try {
            out.write(writer.writeValueAsBytes(record));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
