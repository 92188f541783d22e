package dev.parley.transfer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.auth.Action;
import java.util.List;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/**
 * One feature's part of an app's export and import: the feature that owns the records reads and writes them, so
 * that its rules (validation, limits, id order) hold for imported records too.
 */
public interface TransferSection {
    /** The kinds of record this section writes, in the order it writes them. */
    List<String> kinds();

    /**
     * What a caller must be allowed on the app to read these records through the API; an export leaves the
     * section out for a caller who may export the app but not read them (an integration key and the app's other
     * integrations).
     */
    default Action readAction() {
        return Action.EXPORT_APP_DATA;
    }

    /** Writes the app's records of these kinds, in an order that import can replay, each as soon as it is read. */
    void export(Handle handle, String appId, Consumer<ObjectNode> out);

    /**
     * Applies one record of one of these kinds in the caller's transaction: creates it, or skips it when the app
     * has it already with the same content. Throws an {@code ApiException} whose title says why it is refused.
     */
    Applied apply(Handle handle, ImportInto into, String kind, ObjectNode record);

    /** What became of an applied record. */
    enum Applied {
        CREATED,
        SKIPPED
    }
}
