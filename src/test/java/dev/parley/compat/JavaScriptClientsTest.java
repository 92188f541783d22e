package dev.parley.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ApiTest;
import dev.parley.testing.NodeJs;
import dev.parley.testing.Processes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs the published JavaScript clients against Parley: the {@code *.test.mjs} files in {@code src/test/js}, under
 * Node's own test runner, with the server's URL and the keys of two fresh accounts in the environment. Node.js 18+ and the
 * packages of {@code src/test/js} (installed by {@code bin/test} with {@code npm ci}) are required: without them
 * this test fails, it never skips.
 */
class JavaScriptClientsTest extends ApiTest {
    private static final Path JS_DIR = NodeJs.PACKAGES;
    private static final long TIMEOUT_MINUTES = 5;
    private static final Pattern SUMMARY = Pattern.compile("^\\W*(pass|fail|cancelled|skipped|todo) (\\d+)\\s*$");

    @Test
    void thePublishedJavaScriptClientsWorkAgainstParley() throws Exception {
        String node = NodeJs.executable();
        List<String> testFiles = testFiles();
        assertThat(testFiles).as("test files (*.test.mjs) in %s", JS_DIR).isNotEmpty();

        AccountFixture account = createAccount("JavaScript clients (" + database + ")", null);
        AccountFixture otherAccount = createAccount("Another account of the JavaScript clients (" + database + ")",
                null);
        List<String> command = new ArrayList<>(List.of(node, "--test"));
        command.addAll(testFiles);
        ProcessBuilder builder = new ProcessBuilder(command).directory(JS_DIR.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("PARLEY_"));
        builder.environment().put("PARLEY_URL", api.baseUrl());
        builder.environment().put("PARLEY_ACCOUNT_KEY_ID", account.keyId());
        builder.environment().put("PARLEY_ACCOUNT_KEY_SECRET", account.secret());
        builder.environment().put("PARLEY_OTHER_ACCOUNT_KEY_ID", otherAccount.keyId());
        builder.environment().put("PARLEY_OTHER_ACCOUNT_KEY_SECRET", otherAccount.secret());
        builder.environment().put("NO_COLOR", "1");

        System.out.println("[" + database + "] " + String.join(" ", command) + "   (in " + JS_DIR + ")");
        Process process = builder.start();
        process.getOutputStream().close();
        List<String> output = new ArrayList<>();
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    System.out.println("[node] " + line);
                    synchronized (output) {
                        output.add(line);
                    }
                }
            } catch (IOException e) {
                System.out.println("[node] output ended: " + e);
            }
        });
        boolean finished = Processes.awaitOrKill(process, Duration.ofMinutes(TIMEOUT_MINUTES));
        reader.join(TimeUnit.SECONDS.toMillis(10));
        String printed;
        synchronized (output) {
            printed = String.join("\n", output);
        }
        assertThat(finished).withFailMessage("node --test did not finish within %d minutes; it printed:%n%s",
                TIMEOUT_MINUTES, printed).isTrue();
        assertThat(process.exitValue()).withFailMessage("node --test exited %d; it printed:%n%s",
                process.exitValue(), printed).isZero();
        for (String outcome : List.of("fail", "cancelled", "skipped", "todo")) {
            assertThat(count(printed, outcome)).as("%s node tests; node printed:%n%s", outcome, printed).isZero();
        }
        assertThat(count(printed, "pass")).as("passed node tests; node printed:%n%s", printed).isPositive();
    }

    private static List<String> testFiles() throws IOException {
        assertThat(JS_DIR).as("the JavaScript tests' folder").isDirectory();
        try (Stream<Path> files = Files.list(JS_DIR)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".test.mjs"))
                    .sorted()
                    .toList();
        }
    }

    /**
     * The number of node tests with that outcome, from the runner's summary (TAP "# pass 3" or spec "ℹ pass 3").
     * A skipped, cancelled or todo test counts as a failure here, as in bin/test.
     */
    private static int count(String printed, String outcome) {
        int total = -1;
        for (String line : printed.split("\n")) {
            Matcher matcher = SUMMARY.matcher(line);
            if (matcher.matches() && matcher.group(1).equals(outcome)) {
                total = Integer.parseInt(matcher.group(2));
            }
        }
        assertThat(total).withFailMessage("node printed no '%s N' summary line:%n%s", outcome, printed)
                .isNotNegative();
        return total;
    }
}
