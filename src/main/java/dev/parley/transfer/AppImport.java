package dev.parley.transfer;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.ApiException;
import dev.parley.apps.AppAccess;
import dev.parley.audit.Actor;
import dev.parley.auth.Action;
import dev.parley.auth.AppTarget;
import dev.parley.auth.Principal;
import dev.parley.http.Json;
import dev.parley.store.Database;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies an export to an app line by line: a line creates what is missing, skips what is there with the same
 * content, or is refused with its reason, and the rest goes on. So an import that stops half-way (a closed
 * connection, a server stopped) can simply be run again, and ends with one copy.
 *
 * <p>The lines that have arrived (up to {@link #BATCH_LINES} of them, or {@link #BATCH_BYTES}) are applied in one
 * transaction, each in a savepoint of its own that a refusal rolls back: one commit per line made the embedded
 * database, which writes every commit to disk before it answers, import 4,000 messages in over 30 s. No transaction
 * waits for the client: a batch ends when the next line has not arrived yet.
 */
public final class AppImport {
    private static final Logger LOG = LoggerFactory.getLogger(AppImport.class);
    private static final String APP = "app";
    static final int BATCH_LINES = 200;
    static final int BATCH_BYTES = 4 * 1024 * 1024;

    private final Database database;
    private final AppAccess apps;
    private final Map<String, TransferSection> sectionsByKind = new LinkedHashMap<>();

    public AppImport(Database database, AppAccess apps, List<TransferSection> sections) {
        this.database = database;
        this.apps = apps;
        sections.forEach(section -> section.kinds().forEach(kind -> sectionsByKind.put(kind, section)));
    }

    /** Checks that the caller may import into the app, before the body is read, and says where it goes. */
    public ImportInto authorize(Principal caller, String appId, boolean withEvents) {
        AppTarget app = database.withoutTransaction(handle -> apps.require(handle, caller, Action.IMPORT_APP_DATA,
                appId));
        return new ImportInto(appId, app.accountId(), Actor.of(caller), withEvents);
    }

    /**
     * Reads the body to its end (or to {@code maxBytes}, past which it throws a 413) and applies each line.
     */
    public ImportSummary run(ImportInto into, InputStream body, long maxBytes) {
        ImportSummary.Tally tally = new ImportSummary.Tally(List.copyOf(sectionsByKind.keySet()));
        NdjsonLines lines = new NdjsonLines(body, maxBytes);
        List<NdjsonLines.Line> batch = new ArrayList<>();
        long batchBytes = 0;
        try {
            for (NdjsonLines.Line line = lines.next(); line != null; line = lines.next()) {
                batch.add(line);
                batchBytes += line.bytes().length;
                if (batch.size() >= BATCH_LINES || batchBytes >= BATCH_BYTES || !lines.hasBuffered()) {
                    applyAll(into, batch, tally);
                    batch.clear();
                    batchBytes = 0;
                }
            }
        } finally {
            // What arrived before the body ended early or grew too large is imported all the same.
            applyAll(into, batch, tally);
        }
        return tally.summary();
    }

    private void applyAll(ImportInto into, List<NdjsonLines.Line> batch, ImportSummary.Tally tally) {
        if (batch.isEmpty()) {
            return;
        }
        database.inRequestTransaction(handle -> {
            for (NdjsonLines.Line line : batch) {
                if (line.tooLong()) {
                    tally.refused(line.number(), null, "The line is longer than " + NdjsonLines.MAX_LINE_BYTES
                            + " bytes");
                } else if (line.bytes().length > 0) {
                    apply(into, line, tally);
                }
            }
            return null;
        });
        batch.clear();
    }

    private void apply(ImportInto into, NdjsonLines.Line line, ImportSummary.Tally tally) {
        ObjectNode record;
        try {
            record = parse(line.bytes());
        } catch (ApiException e) {
            tally.refused(line.number(), null, e.title());
            return;
        }
        String kind = record.path(Records.KIND).textValue();
        if (AppExport.END.equals(kind)) {
            return;
        }
        if (APP.equals(kind)) {
            if (record.path("formatVersion").intValue() != AppExport.FORMAT_VERSION) {
                tally.refused(line.number(), kind, "formatVersion must be " + AppExport.FORMAT_VERSION);
            }
            return;
        }
        TransferSection section = kind == null ? null : sectionsByKind.get(kind);
        if (section == null) {
            tally.refused(line.number(), kind, "kind must be one of app, " + String.join(", ",
                    sectionsByKind.keySet()) + ", end");
            return;
        }
        try {
            tally.applied(kind, database.inTransaction(handle -> section.apply(handle, into, kind, record)));
        } catch (ApiException e) {
            tally.refused(line.number(), kind, e.title());
        } catch (RuntimeException e) {
            LOG.warn("import line {} of kind {} into app {} failed: {}", line.number(), kind, into.appId(),
                    e.getClass().getSimpleName());
            tally.refused(line.number(), kind, "The database refused the record");
        }
    }

    private static ObjectNode parse(byte[] line) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(line);
        } catch (JacksonException e) {
            throw ApiException.badRequest("The line is not valid JSON");
        } catch (IOException e) {
            throw ApiException.badRequest("The line could not be read");
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("The line must be a JSON object");
        }
        return (ObjectNode) node;
    }
}
