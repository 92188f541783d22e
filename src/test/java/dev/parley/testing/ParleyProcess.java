package dev.parley.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parley in a process of its own ({@code parley serve}), for tests of restarts, signals and crashes. */
public final class ParleyProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on port (\\d+)");
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final List<String> output = java.util.Collections.synchronizedList(new ArrayList<>());
    private final CompletableFuture<Integer> port = new CompletableFuture<>();

    private final Thread reader;

    private ParleyProcess(Process process) {
        this.process = process;
        this.reader = Thread.ofPlatform().daemon().start(this::readOutput);
    }

    /**
     * The variables of a server in a process of its own: the database's, any free port, a fresh data directory,
     * the operator token and a new master key. A mutable map, for each test's additions.
     */
    public static Map<String, String> environment(Map<String, String> database, String operatorToken)
            throws IOException {
        Map<String, String> env = new HashMap<>(database);
        env.put("PARLEY_PORT", "0");
        env.put("PARLEY_DATA_DIR", Files.createTempDirectory("parley-process-").toString());
        env.put("PARLEY_OPERATOR_TOKEN", operatorToken);
        env.put("PARLEY_MASTER_KEY", newMasterKey());
        return env;
    }

    /** 32 random bytes in base64, as PARLEY_MASTER_KEY takes them. */
    public static String newMasterKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** Starts {@code parley serve} with exactly these PARLEY_* variables, on the test classpath. */
    public static ParleyProcess start(Map<String, String> env) {
        return start(env, "256m");
    }

    /** The same, with that most heap ({@code -Xmx}), such as {@code 64m}. */
    public static ParleyProcess start(Map<String, String> env, String maxHeap) {
        ProcessBuilder builder = new ProcessBuilder(javaBinary(), "-Xmx" + maxHeap, "-cp",
                System.getProperty("java.class.path"), "dev.parley.Parley", "serve").redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("PARLEY_"));
        builder.environment().putAll(env);
        try {
            return new ParleyProcess(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the server listens, and returns a client for it. */
    public Api awaitReady() {
        try {
            return new Api("http://127.0.0.1:" + port.get(30, TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new AssertionError("Parley did not start; it printed:\n" + output(), e);
        }
    }

    /** Waits for the process to end by itself and returns its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("Parley did not exit within " + timeout + "; it printed:\n" + output());
        }
        // Everything it printed before exiting is read before anyone looks at the output.
        reader.join(Duration.ofSeconds(10));
        return process.exitValue();
    }

    /**
     * SIGTERM: the server should finish requests in flight and exit 0. Sent through the process handle, since
     * {@link Process#destroy()} also closes our end of its output and what it prints while stopping would be lost.
     */
    public void terminate() {
        process.toHandle().destroy();
    }

    /** SIGTERM ({@link #terminate}), then the exit code, waited for up to 30 s ({@link #awaitExit}). */
    public int stop() throws InterruptedException {
        terminate();
        return awaitExit(STOP_TIMEOUT);
    }

    /** SIGKILL: no chance to clean up. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readOutput() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                output.add(line);
                Matcher listening = LISTENING.matcher(line);
                if (listening.find()) {
                    port.complete(Integer.parseInt(listening.group(1)));
                }
            }
        } catch (IOException e) {
            // the process ended
        } finally {
            port.completeExceptionally(new IllegalStateException("Parley exited"));
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
