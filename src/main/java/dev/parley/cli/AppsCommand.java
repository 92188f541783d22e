package dev.parley.cli;

import dev.parley.config.ParleyConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code parley apps export|import APP_ID --key-id KEY_ID}: an app's data out to standard output and in from
 * standard input, streamed both ways, with an API key whose secret is in PARLEY_KEY_SECRET (standard input carries
 * the data, so it cannot carry the secret too).
 */
@Command(name = "apps", mixinStandardHelpOptions = true, description = "Export and import an app's data.",
        subcommands = {AppsCommand.Export.class, AppsCommand.Import.class})
public final class AppsCommand {
    static final String SECRET_VARIABLE = "PARLEY_KEY_SECRET";

    abstract static class Transfer implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "APP_ID")
        String appId;

        @Option(names = "--key-id", required = true, description = "An account, service account or app key's id; "
                + "its secret is read from " + SECRET_VARIABLE + ".")
        String keyId;

        @Override
        public final Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            try {
                HttpResponse<InputStream> response = send(HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(5)).build(), request(System.getenv()));
                try (InputStream body = response.body()) {
                    if (response.statusCode() / 100 != 2) {
                        err.println(new String(body.readAllBytes(), StandardCharsets.UTF_8));
                        err.flush();
                        return 1;
                    }
                    OutputStream out = System.out;
                    boolean complete = copy(body, out);
                    out.flush();
                    return complete ? 0 : fail(err, "The export was cut short: its last line is not the end line");
                }
            } catch (ConnectException e) {
                return fail(err, "Cannot reach Parley: is `parley serve` running? Set PARLEY_URL to point elsewhere.");
            } catch (IOException e) {
                return fail(err, "The transfer failed: " + e.getClass().getSimpleName());
            } catch (CliException | IllegalArgumentException e) {
                return fail(err, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return fail(err, "Interrupted");
            }
        }

        /** The request to the app's route, authorized by the key. */
        private HttpRequest.Builder request(Map<String, String> env) {
            String secret = env.get(SECRET_VARIABLE);
            if (secret == null || secret.isBlank()) {
                throw new CliException("Set " + SECRET_VARIABLE + " to the secret of key " + keyId);
            }
            String url = env.getOrDefault("PARLEY_URL", "http://127.0.0.1:" + ParleyConfig.from(env).port());
            String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
            return HttpRequest.newBuilder(URI.create(base + "/v2/apps/"
                            + URLEncoder.encode(appId, StandardCharsets.UTF_8) + "/" + route()))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (keyId + ":" + secret).getBytes(StandardCharsets.UTF_8)));
        }

        abstract String route();

        /** Copies the answer's body out; answers whether it is whole. */
        boolean copy(InputStream body, OutputStream out) throws IOException {
            body.transferTo(out);
            return true;
        }

        abstract HttpResponse<InputStream> send(HttpClient http, HttpRequest.Builder request)
                throws IOException, InterruptedException;

        private static int fail(PrintWriter err, String message) {
            err.println("parley: " + message);
            err.flush();
            return 1;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write the app's data to standard output as newline-delimited JSON.")
    static final class Export extends Transfer {
        private static final byte[] END = "{\"kind\":\"end\"".getBytes(StandardCharsets.UTF_8);

        @Override
        String route() {
            return "export";
        }

        /** Streams the export out, watching the start of each line: a whole export ends with its end line. */
        @Override
        boolean copy(InputStream body, OutputStream out) throws IOException {
            byte[] buffer = new byte[64 * 1024];
            byte[] lineStart = new byte[END.length];
            int lineLength = 0;
            boolean lastWasEnd = false;
            for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                out.write(buffer, 0, n);
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lastWasEnd = lineLength >= END.length && Arrays.equals(lineStart, END);
                        lineLength = 0;
                    } else {
                        if (lineLength < END.length) {
                            lineStart[lineLength] = buffer[i];
                        }
                        lineLength++;
                    }
                }
            }
            return lastWasEnd && lineLength == 0;
        }

        @Override
        HttpResponse<InputStream> send(HttpClient http, HttpRequest.Builder request)
                throws IOException, InterruptedException {
            return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Import an export read from standard input into the app; prints what was created, "
                    + "skipped and refused.")
    static final class Import extends Transfer {
        @Option(names = "--events", description = "Record each created object's event (and so deliver webhooks).")
        boolean events;

        @Override
        String route() {
            return "import" + (events ? "?events=true" : "");
        }

        @Override
        HttpResponse<InputStream> send(HttpClient http, HttpRequest.Builder request)
                throws IOException, InterruptedException {
            return http.send(request.header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> System.in)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        }
    }
}
