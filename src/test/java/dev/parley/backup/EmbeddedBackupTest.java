package dev.parley.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.Auth;
import dev.parley.testing.DataPlane;
import dev.parley.testing.ParleyCommand;
import dev.parley.testing.ParleyCommand.Result;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.Polling;
import dev.parley.testing.Response;
import dev.parley.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parley backup} of a running server on the embedded database while writes go on, and {@code parley restore}
 * of it elsewhere, as an operator runs them: every write acknowledged before the backup began is in the restored
 * database. (PostgreSQL is backed up with pg_dump: {@code BackupApiTest} holds the 400 that says so.)
 */
class EmbeddedBackupTest {
    private static final String OPERATOR_TOKEN = "backup-test-operator-token-0123456789";

    /** A write the API acknowledged: where to read it back, and when the answer arrived. */
    private record Acknowledged(String path, long atNanos) {
    }

    @Test
    void aBackupTakenDuringABurstOfWritesRestoresEveryWriteAcknowledgedBeforeIt(@TempDir Path work) throws Exception {
        Map<String, String> env = ParleyProcess.environment(TestDatabase.EMBEDDED.freshDatabase(), OPERATOR_TOKEN);
        // The writers go as fast as the server answers; the rate limits would refuse them, and this is not about them.
        env.put("PARLEY_RATE_LIMITS", "off");
        Path backup = work.resolve("parley-backup.zip");
        long backupBegan;
        List<Acknowledged> acknowledged;
        Auth key;
        try (ParleyProcess server = ParleyProcess.start(env)) {
            Api api = server.awaitReady();
            key = Auth.basicOfCreatedKey(api.post("/admin/accounts", Auth.bearer(OPERATOR_TOKEN),
                    "{\"displayName\":\"Backed up\"}"));
            DataPlane app = new DataPlane(api, api.post("/v2/apps", key, "{\"displayName\":\"Busy\"}").at("/app/id"),
                    key);
            ConcurrentLinkedQueue<Acknowledged> writes = new ConcurrentLinkedQueue<>();
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService writers = Executors.newFixedThreadPool(3);
            try {
                List<Future<?>> running = List.of(
                        writers.submit(() -> writeUntil(stop, writes, i -> "/v2/apps/" + createApp(api, app.auth(),
                                "App " + i))),
                        writers.submit(() -> writeUntil(stop, writes, i -> app.path("/users/"
                                + app.createUser("user-" + i)))),
                        writers.submit(() -> writeUntil(stop, writes, i -> {
                            String conversation = app.createConversation("sdkGroup");
                            app.created("/conversations/" + conversation + "/messages", "{\"author\":{\"type\":"
                                    + "\"business\"},\"content\":{\"type\":\"text\",\"text\":\"Message " + i + "\"}}");
                            return app.path("/conversations/" + conversation + "/messages");
                        })));
                Polling.until(writes::size, count -> count >= 30, Duration.ofSeconds(60));
                backupBegan = System.nanoTime();
                Result backedUp = ParleyCommand.run(Map.of("PARLEY_URL", api.baseUrl(),
                        "PARLEY_OPERATOR_TOKEN", OPERATOR_TOKEN), "backup", "--to", backup.toString());
                assertThat(backedUp.exitCode()).as(backedUp.stderr()).isZero();
                assertThat(backedUp.stdout()).contains("backup written to " + backup);
                Polling.until(writes::size, count -> count >= 60, Duration.ofSeconds(60));
                stop.set(true);
                for (Future<?> writer : running) {
                    writer.get();
                }
            } finally {
                stop.set(true);
                writers.shutdownNow();
            }
            acknowledged = writes.stream().filter(write -> write.atNanos() < backupBegan).toList();
            assertThat(auditedActions(api)).as("the backup is audited").contains(EmbeddedBackups.AUDIT_ACTION);
            assertThat(server.stop()).isZero();
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup))).isEqualTo("rw-------");
        try (Stream<Path> files = Files.list(Path.of(env.get("PARLEY_DATA_DIR")))) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .as("the server's temporary backup file is gone").noneMatch(name -> name.startsWith("backup-"));
        }

        Map<String, String> restored = new HashMap<>(env);
        restored.put("PARLEY_DATA_DIR", work.resolve("restored").toString());
        Result restore = ParleyCommand.run(restored, "restore", "--from", backup.toString());
        assertThat(restore.exitCode()).as(restore.stderr()).isZero();
        assertThat(restore.stdout()).contains("master key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                work.resolve("restored").resolve("parley.mv.db")))).isEqualTo("rw-------");
        try (ParleyProcess server = ParleyProcess.start(restored)) {
            Api api = server.awaitReady();
            assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(30);
            for (Acknowledged write : acknowledged) {
                Response read = api.get(write.path(), key);
                assertThat(read.status()).as(write.path() + " " + read).isEqualTo(200);
                if (write.path().endsWith("/messages")) {
                    assertThat(read.json().path("messages")).as(write.path()).hasSize(1);
                }
            }
        }
    }

    @Test
    void restoreRefusesADirectoryThatIsNotEmptyAndChangesNothingInItAndTheServerDropsAStoppedBackup(@TempDir Path work) throws Exception {
        Map<String, String> env = ParleyProcess.environment(TestDatabase.EMBEDDED.freshDatabase(), OPERATOR_TOKEN);
        Path backup = work.resolve("backup.zip");
        Path leftover = Files.writeString(Path.of(env.get("PARLEY_DATA_DIR")).resolve("backup-1.zip.partial"),
                "a backup a server stopped in the middle of", StandardCharsets.UTF_8);
        try (ParleyProcess server = ParleyProcess.start(env)) {
            Api api = server.awaitReady();
            assertThat(leftover).as("a stopped backup's temporary file is deleted at start").doesNotExist();
            Result backedUp = ParleyCommand.run(Map.of("PARLEY_URL", api.baseUrl(), "PARLEY_OPERATOR_TOKEN",
                    OPERATOR_TOKEN), "backup", "--to", backup.toString());
            assertThat(backedUp.exitCode()).as(backedUp.stderr()).isZero();
            Result refused = ParleyCommand.run(Map.of("PARLEY_URL", api.baseUrl(), "PARLEY_OPERATOR_TOKEN",
                    "not-the-token"), "backup", "--to", work.resolve("refused.zip").toString());
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.stderr()).contains("unauthorized");
            assertThat(work.resolve("refused.zip")).doesNotExist();
        }

        Path occupied = Files.createDirectory(work.resolve("occupied"));
        Files.writeString(occupied.resolve("notes.txt"), "keep me", StandardCharsets.UTF_8);
        Map<String, String> into = new HashMap<>(env);
        into.put("PARLEY_DATA_DIR", occupied.toString());
        Result restore = ParleyCommand.run(into, "restore", "--from", backup.toString());
        assertThat(restore.exitCode()).isEqualTo(1);
        assertThat(restore.stderr()).contains("is not empty").doesNotContain("Exception");
        try (Stream<Path> files = Files.list(occupied)) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactly("notes.txt");
        }
        assertThat(Files.readString(occupied.resolve("notes.txt"), StandardCharsets.UTF_8)).isEqualTo("keep me");

        Path notABackup = Files.writeString(work.resolve("notes.zip"), "not a zip", StandardCharsets.UTF_8);
        into.put("PARLEY_DATA_DIR", work.resolve("fresh").toString());
        Result garbage = ParleyCommand.run(into, "restore", "--from", notABackup.toString());
        assertThat(garbage.exitCode()).isEqualTo(1);
        assertThat(garbage.stderr()).contains("cannot read " + notABackup);
        assertThat(work.resolve("fresh")).doesNotExist();
    }

    /** Every action in the audit log, page after page. */
    private static List<String> auditedActions(Api api) {
        List<String> actions = new ArrayList<>();
        String after = "";
        while (true) {
            JsonNode events = api.get("/admin/audit?page[size]=100" + after, Auth.bearer(OPERATOR_TOKEN)).json()
                    .path("events");
            if (events.isEmpty()) {
                return actions;
            }
            events.forEach(event -> actions.add(event.path("action").asText()));
            after = "&page[after]=" + events.get(events.size() - 1).path("id").asText();
        }
    }

    private static String createApp(Api api, Auth key, String name) {
        Response created = api.post("/v2/apps", key, "{\"displayName\":\"" + name + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.at("/app/id");
    }

    /** Makes writes one after another until told to stop, recording each acknowledged one. */
    private static void writeUntil(AtomicBoolean stop, ConcurrentLinkedQueue<Acknowledged> writes,
                                   Function<Integer, String> write) {
        for (int i = 0; !stop.get(); i++) {
            String path = write.apply(i);
            writes.add(new Acknowledged(path, System.nanoTime()));
        }
    }
}
