package dev.parley.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.testing.DashboardClient;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.Processes;
import dev.parley.testing.TestDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs the README's walkthrough blocks ({@code ```sh walkthrough}) in order, as written, with bash under
 * {@code set -euo pipefail}, the way a new user pastes them: against a fresh {@code parley serve} whose data
 * directory is {@code parley-data} in bash's working directory, with only {@code PARLEY_PORT} and, as the README
 * starts it, {@code PARLEY_WEBHOOK_ALLOWED_NETWORKS=127.0.0.1/32} set (so the operator token file is generated),
 * and a {@code bin/parley} there that runs the Parley under test. The test is the user
 * at the terminal: it types the owner's password, and pastes the key it creates on the dashboard when asked.
 * Every status and answer the README shows in a comment is compared with what the command printed
 * ({@link Walkthrough}).
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class ReadmeWalkthroughTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OWNER_PASSWORD = "walkthrough owner passphrase";
    private static final Pattern OWNER_EMAIL = Pattern.compile("--owner-email (\\S+)");
    private static final long TIMEOUT_MINUTES = 3;

    @Parameter
    TestDatabase database;

    @TempDir
    Path workingDirectory;

    private Map<String, String> serverEnv;

    @AfterEach
    void dropDatabase() {
        TestDatabase.dropDatabase(serverEnv);
    }

    @Test
    void theWalkthroughsRunAsWrittenAndPrintWhatTheReadmeShows() throws Exception {
        Walkthrough walkthrough = new Walkthrough(Readme.blocks("sh walkthrough"));
        assertThat(walkthrough.steps()).as("commands whose output the README shows").isNotEmpty();
        writeLauncher(workingDirectory.resolve("bin").resolve("parley"));
        // The webhook walkthrough runs the example receiver from the repository, as a user in its root would.
        Files.createSymbolicLink(workingDirectory.resolve("examples"), Path.of("examples").toAbsolutePath());
        serverEnv = database.freshDatabase();
        serverEnv.put("PARLEY_PORT", "0");
        serverEnv.put("PARLEY_WEBHOOK_ALLOWED_NETWORKS", "127.0.0.1/32");
        serverEnv.put("PARLEY_DATA_DIR", workingDirectory.resolve("parley-data").toString());
        if (database == TestDatabase.POSTGRES) {
            serverEnv.put("PARLEY_MASTER_KEY", ParleyProcess.newMasterKey());
        }
        try (ParleyProcess server = ParleyProcess.start(serverEnv)) {
            String baseUrl = server.awaitReady().baseUrl();
            Run run = runInBash(walkthrough, baseUrl);
            assertThat(run.exitCode()).withFailMessage("the walkthrough exited %d.%s", run.exitCode(), run)
                    .isZero();
            Map<Integer, String> outputs = Walkthrough.outputs(run.stdout());
            List<String> mismatches = new ArrayList<>();
            for (Walkthrough.Step step : walkthrough.steps()) {
                if (step.prompts().isEmpty()) {
                    String mismatch = mismatch(step, outputs.get(step.number()));
                    if (mismatch != null) {
                        mismatches.add(step.command() + "\n  " + mismatch);
                    }
                }
            }
            assertThat(mismatches).withFailMessage("commands that printed something else than the README says:%n%s%s",
                    String.join("\n", mismatches), run).isEmpty();
        }
    }

    /** Why what the command printed differs from what the README says, or null. */
    private static String mismatch(Walkthrough.Step step, String printed) {
        if (printed == null) {
            return "printed nothing";
        }
        String answer = printed;
        if (step.status() != null) {
            int lastLine = printed.lastIndexOf('\n');
            String status = printed.substring(lastLine + 1);
            if (!status.equals(step.status().toString())) {
                return "printed status " + status + " where the README says " + step.status() + ": " + printed;
            }
            answer = lastLine < 0 ? "" : printed.substring(0, lastLine);
        }
        if (step.answer() == null) {
            return null;
        }
        JsonNode json;
        try {
            json = JSON.readTree(answer);
        } catch (IOException e) {
            return "printed no JSON where the README shows " + step.answer() + ": " + answer;
        }
        return step.answer().mismatch(json);
    }

    /** What bash printed, and how it ended. */
    private record Run(int exitCode, List<String> stdout, String stderr) {
        @Override
        public String toString() {
            return "%nIt printed:%n%s%nand on stderr:%n%s".formatted(String.join("\n", stdout), stderr);
        }
    }

    private Run runInBash(Walkthrough walkthrough, String baseUrl) throws Exception {
        Path script = Files.writeString(workingDirectory.resolve("walkthrough.sh"), walkthrough.script());
        Path stderr = workingDirectory.resolve("walkthrough.stderr");
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString()).directory(workingDirectory.toFile())
                .redirectError(stderr.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("PARLEY_"));
        builder.environment().put("PARLEY_PORT", String.valueOf(URI.create(baseUrl).getPort()));
        builder.environment().put("RECEIVER_PORT", String.valueOf(freePort()));
        builder.environment().put("AGENT_RECEIVER_PORT", String.valueOf(freePort()));
        Process bash = builder.start();
        Typist typist = new Typist(baseUrl, ownerEmail(walkthrough.script()));
        List<String> stdout = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(bash.getInputStream(), StandardCharsets.UTF_8));
                 Writer keyboard = bash.outputWriter(StandardCharsets.UTF_8)) {
                for (String line; (line = lines.readLine()) != null; ) {
                    stdout.add(line);
                    if (line.startsWith(Walkthrough.MARK + "prompt ")) {
                        for (String prompt : walkthrough.step(Integer.parseInt(line.substring(8))).prompts()) {
                            keyboard.write(typist.answer(prompt) + "\n");
                        }
                        keyboard.flush();
                    }
                }
            } catch (Throwable e) {
                failure.set(e);
                bash.destroyForcibly();
            }
        });
        boolean finished = Processes.awaitOrKill(bash, Duration.ofMinutes(TIMEOUT_MINUTES));
        reader.join(TimeUnit.SECONDS.toMillis(10));
        Run run = new Run(bash.exitValue(), List.copyOf(stdout), Files.readString(stderr));
        if (failure.get() != null) {
            throw new AssertionError("answering the walkthrough failed." + run, failure.get());
        }
        assertThat(finished).withFailMessage("the walkthrough did not finish within %d minutes.%s", TIMEOUT_MINUTES,
                run).isTrue();
        return run;
    }

    /** The person at the terminal, who answers what the walkthrough reads. */
    private static final class Typist {
        private final String baseUrl;
        private final String ownerEmail;
        private DashboardClient.NewKey dashboardKey;

        Typist(String baseUrl, String ownerEmail) {
            this.baseUrl = baseUrl;
            this.ownerEmail = ownerEmail;
        }

        String answer(String prompt) {
            if (prompt.startsWith("Owner password")) {
                return OWNER_PASSWORD;
            }
            if (prompt.startsWith("Key id")) {
                dashboardKey = new DashboardClient(baseUrl).signedIn(ownerEmail, OWNER_PASSWORD)
                        .createAccountKey("From the walkthrough");
                return dashboardKey.id();
            }
            if (prompt.startsWith("Secret") && dashboardKey != null) {
                return dashboardKey.secret();
            }
            throw new AssertionError("the walkthrough asks for something this test does not know: " + prompt);
        }
    }

    private static String ownerEmail(String script) {
        Matcher email = OWNER_EMAIL.matcher(script);
        assertThat(email.find()).as("an --owner-email in the walkthrough").isTrue();
        return email.group(1);
    }

    /** A bin/parley that runs the Parley under test, as the checkout's bin/parley runs the built jar. */
    private static void writeLauncher(Path launcher) throws IOException {
        Files.createDirectories(launcher.getParent());
        Files.writeString(launcher, "#!/usr/bin/env bash\nexec " + quoted(Path.of(System.getProperty("java.home"),
                "bin", "java").toString()) + " -cp " + quoted(System.getProperty("java.class.path"))
                + " dev.parley.Parley \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String quoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
