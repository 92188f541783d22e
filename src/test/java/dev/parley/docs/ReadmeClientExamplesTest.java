package dev.parley.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ApiTest;
import dev.parley.testing.NodeJs;
import dev.parley.testing.Processes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's programs for the published clients, copied from README.md and run as they are written: each must
 * list the apps of an account this test made, which it can only get from this Parley. Their base URL and key come
 * from the environment variables the README names.
 */
class ReadmeClientExamplesTest extends ApiTest {
    private static final long TIMEOUT_SECONDS = 120;

    @Test
    void theJavaExampleListsTheAccountsApps(@TempDir Path dir) throws Exception {
        Path program = Files.writeString(dir.resolve("ListApps.java"),
                Readme.onlyBlock("java", "com.zendesk.sunshine_conversations_client"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        assertListsTheAccountsApps(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                program.toString()), "");
    }

    @Test
    void theSunshineConversationsClientExampleListsTheAccountsApps() throws Exception {
        assertListsTheAccountsApps(node(), Readme.onlyBlock("js", "from 'sunshine-conversations-client'"));
    }

    /** With the service URL anywhere but in the constructor's one object, smooch-core calls the hosted API. */
    @Test
    void theSmoochCoreExampleListsTheAccountsAppsFromParley() throws Exception {
        assertListsTheAccountsApps(node(), Readme.onlyBlock("js", "from 'smooch-core'"));
    }

    /** Node reading the program from standard input, in the clients' folder so that their packages resolve. */
    private static ProcessBuilder node() throws InterruptedException {
        return new ProcessBuilder(NodeJs.executable(), "--input-type=module").directory(NodeJs.PACKAGES.toFile());
    }

    private void assertListsTheAccountsApps(ProcessBuilder program, String stdin) throws Exception {
        AccountFixture account = createAccount("README example (" + database + ")", null);
        String first = createApp(account.basic(), "First customer");
        String second = createApp(account.basic(), "Second customer");
        program.redirectErrorStream(true);
        program.environment().keySet().removeIf(name -> name.startsWith("PARLEY_"));
        program.environment().put("PARLEY_URL", api.baseUrl());
        program.environment().put("KEY_ID", account.keyId());
        program.environment().put("SECRET", account.secret());
        Process process = program.start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        try (var input = process.getOutputStream()) {
            input.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        boolean finished = Processes.awaitOrKill(process, Duration.ofSeconds(TIMEOUT_SECONDS));
        String printed = output.get(10, TimeUnit.SECONDS);
        assertThat(finished).withFailMessage("%s did not finish within %d s; it printed:%n%s", program.command(),
                TIMEOUT_SECONDS, printed).isTrue();
        assertThat(process.exitValue()).withFailMessage("%s exited %d; it printed:%n%s", program.command(),
                process.exitValue(), printed).isZero();
        assertThat(printed.lines().toList()).as("what %s printed", program.command())
                .isEqualTo(List.of(first + " First customer", second + " Second customer"));
    }

    private static String readAll(InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(output lost: " + e + ")";
        }
    }
}
