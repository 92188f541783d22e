package dev.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Node.js and the published JavaScript clients in {@code src/test/js}, for the tests that run them. Node.js 18+ and
 * the packages (installed by {@code bin/test} with {@code npm ci}) are required: without them those tests fail,
 * they never skip.
 */
public final class NodeJs {
    /** The folder of the JavaScript clients' package.json; scripts run there resolve the clients' packages. */
    public static final Path PACKAGES = Path.of(System.getProperty("basedir", "."), "src", "test", "js")
            .toAbsolutePath().normalize();

    private NodeJs() {
    }

    /** The node on PATH, of version 18 or newer, with the clients installed; anything else fails the test. */
    public static String executable() throws InterruptedException {
        String node = findOnPath("node");
        assertThat(node)
                .withFailMessage("Node.js 18+ is required to run the JavaScript client tests, and `node` is not on "
                        + "PATH (%s). Install Node.js 18 or newer (e.g. apt-get install nodejs npm), then run "
                        + "npm ci --prefix src/test/js (bin/test does this).", System.getenv("PATH"))
                .isNotNull();
        String version;
        try {
            Process process = new ProcessBuilder(node, "--version").redirectErrorStream(true).start();
            version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new AssertionError("Node.js 18+ is required to run the JavaScript client tests, and " + node
                    + " --version failed: " + e, e);
        }
        Matcher major = Pattern.compile("^v(\\d+)\\.").matcher(version);
        assertThat(major.find() && Integer.parseInt(major.group(1)) >= 18)
                .withFailMessage("Node.js 18+ is required to run the JavaScript client tests; %s is %s", node, version)
                .isTrue();
        assertThat(PACKAGES.resolve("node_modules"))
                .withFailMessage("%s is missing: run npm ci --prefix src/test/js (bin/test does this)",
                        PACKAGES.resolve("node_modules"))
                .isDirectory();
        return node;
    }

    private static String findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
