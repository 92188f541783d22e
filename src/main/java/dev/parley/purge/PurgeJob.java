package dev.parley.purge;

/** One kind of background deletion, done a bounded batch at a time, each batch in a transaction of its own. */
public interface PurgeJob {
    /** What the job deletes, for the log. */
    String name();

    /** A short name in lower case with hyphens, for the metrics' job label and the log's job field. */
    String id();

    /** Deletes one batch and answers how many rows it deleted: 0 when nothing is left to do for now. */
    int runBatch();
}
