package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.ParleyServer;
import dev.parley.config.ParleyConfig;
import dev.parley.testing.Api;
import dev.parley.testing.Auth;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded database's data directory: owner-only files, and one server at a time. */
class EmbeddedDataDirectoryTest {
    private static final String OPERATOR_TOKEN = "data-directory-operator-token-0123456789";

    @Test
    void everyFileInADirectoryTheUserMadeIsOwnerOnlyAndAnOlderInstallIsTightenedAtStart(@TempDir Path root)
            throws Exception {
        // Set after creation, so that the test's own umask does not decide it.
        Path dataDir = Files.setPosixFilePermissions(Files.createDirectory(root.resolve("data")),
                PosixFilePermissions.fromString("rwxr-xr-x"));
        ParleyConfig config = ParleyConfig.from(Map.of("PARLEY_DATA_DIR", dataDir.toString(), "PARLEY_PORT", "0",
                "PARLEY_RATE_LIMITS", "off"));
        try (ParleyServer server = ParleyServer.start(config)) {
            provisionAndDelete(new Api("http://127.0.0.1:" + server.port()),
                    Auth.bearer(Files.readString(dataDir.resolve("operator-token")).strip()));
        }
        assertThat(fileNames(dataDir)).contains("parley.mv.db", "master-key", "operator-token");
        assertEveryFileIsOwnerOnly(dataDir);
        assertThat(mode(dataDir)).as("a directory the user made keeps its mode").isEqualTo("rwxr-xr-x");

        // An older Parley left the database's files readable by everyone.
        for (Path file : files(dataDir)) {
            if (file.getFileName().toString().startsWith("parley.")) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            }
        }
        try (ParleyServer server = ParleyServer.start(config)) {
            Api api = new Api("http://127.0.0.1:" + server.port());
            assertThat(api.get("/health", Auth.NONE).status()).isEqualTo(200);
            assertEveryFileIsOwnerOnly(dataDir);
            provisionAndDelete(api, Auth.bearer(Files.readString(dataDir.resolve("operator-token")).strip()));
        }
        assertEveryFileIsOwnerOnly(dataDir);
    }

    @Test
    void aSecondServerOnTheSameDataDirectorySaysItIsInUseAndTheFirstKeepsServing(@TempDir Path root)
            throws Exception {
        Path dataDir = root.resolve("made-by-parley").resolve("data");
        Map<String, String> env = Map.of("PARLEY_DATA_DIR", dataDir.toString(), "PARLEY_PORT", "0",
                "PARLEY_OPERATOR_TOKEN", OPERATOR_TOKEN, "PARLEY_MASTER_KEY", ParleyProcess.newMasterKey());
        try (ParleyProcess first = ParleyProcess.start(env)) {
            Api api = first.awaitReady();
            provisionAndDelete(api, Auth.bearer(OPERATOR_TOKEN));

            try (ParleyProcess second = ParleyProcess.start(env)) {
                assertThat(second.awaitExit(Duration.ofSeconds(60))).as(second.output()).isNotZero();
                assertThat(second.output())
                        .contains("cannot start: the data directory " + dataDir + " is in use by another Parley "
                                + "server (or another process); stop that server, or set PARLEY_DATA_DIR to another "
                                + "directory")
                        .doesNotContain("Exception", "\tat ", "org.h2", "Flyway", "Hikari");
                assertThat(second.output().lines().filter(line -> line.contains(" ERROR ")).count())
                        .as(second.output()).isEqualTo(1);
            }

            assertThat(api.get("/health", Auth.NONE).status()).isEqualTo(200);
            provisionAndDelete(api, Auth.bearer(OPERATOR_TOKEN));
            first.terminate();
            assertThat(first.awaitExit(Duration.ofSeconds(30))).as(first.output()).isZero();
        }
        // The refused server found the database file locked before opening it, so it wrote nothing there.
        assertThat(fileNames(dataDir)).contains("parley.mv.db");
        assertEveryFileIsOwnerOnly(root);
        assertThat(mode(root.resolve("made-by-parley"))).as("a parent Parley made").isEqualTo("rwx------");
        assertThat(mode(dataDir)).as("the data directory Parley made").isEqualTo("rwx------");
    }

    /** Real work for the database: an account, apps, a key, a deletion and a list. */
    private static void provisionAndDelete(Api api, Auth operator) {
        Response account = api.post("/admin/accounts", operator, "{\"displayName\":\"Files\"}");
        assertThat(account.status()).as(account.toString()).isEqualTo(201);
        Auth key = Auth.basic(account.at("/key/id"), account.at("/key/secret"));
        String kept = api.post("/v2/apps", key, "{\"displayName\":\"Kept\"}").at("/app/id");
        String deleted = api.post("/v2/apps", key, "{\"displayName\":\"Deleted\"}").at("/app/id");
        assertThat(api.post("/v2/apps/" + kept + "/keys", key, "{\"displayName\":\"k\"}").status()).isEqualTo(201);
        assertThat(api.delete("/v2/apps/" + deleted, key).status()).isEqualTo(200);
        assertThat(api.get("/v2/apps", key).json().path("apps")).hasSize(1);
    }

    private static void assertEveryFileIsOwnerOnly(Path root) throws IOException {
        for (Path file : files(root)) {
            assertThat(mode(file)).as(file.toString()).isEqualTo("rw-------");
        }
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).toList();
        }
    }

    private static List<String> fileNames(Path dir) throws IOException {
        return files(dir).stream().map(file -> file.getFileName().toString()).toList();
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
