package dev.parley.cli;

import dev.parley.config.ParleyConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Calls the operator API of a running server: PARLEY_URL (default http://127.0.0.1:PARLEY_PORT), authorized by
 * PARLEY_OPERATOR_TOKEN or, when unset, the token file in PARLEY_DATA_DIR that the server generated.
 */
final class OperatorClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String token;

    private OperatorClient(String baseUrl, String token) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
    }

    static OperatorClient fromEnvironment(Map<String, String> env) {
        ParleyConfig config = ParleyConfig.from(env);
        String url = env.getOrDefault("PARLEY_URL", "http://127.0.0.1:" + config.port());
        String token = config.operatorToken().orElseGet(() -> readToken(config.dataDir().resolve("operator-token")));
        return new OperatorClient(url, token);
    }

    private static String readToken(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new CliException("No operator token: set PARLEY_OPERATOR_TOKEN, or PARLEY_DATA_DIR to the data "
                    + "directory of the server (no readable " + file + ")");
        }
    }

    /** Sends the request and returns the response; a failure to connect is reported with the URL tried. */
    HttpResponse<String> send(String method, String path, String jsonBody) {
        return exchange(method, path, jsonBody, Duration.ofSeconds(30), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A POST without a body whose answer (a file, when it is a 2xx) is read as it arrives; the server may work on it
     * for up to the timeout before it answers.
     */
    HttpResponse<InputStream> postForStream(String path, Duration timeout) {
        return exchange("POST", path, null, timeout, HttpResponse.BodyHandlers.ofInputStream());
    }

    private <T> HttpResponse<T> exchange(String method, String path, String jsonBody, Duration timeout,
                                         HttpResponse.BodyHandler<T> answer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (jsonBody == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
        }
        try {
            return http.send(request.build(), answer);
        } catch (ConnectException e) {
            throw new CliException("Cannot reach Parley at " + baseUrl + ": is `parley serve` running? "
                    + "Set PARLEY_URL to point elsewhere.");
        } catch (IOException e) {
            throw failed(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("Interrupted");
        }
    }

    CliException failed(IOException e) {
        return new CliException("Request to " + baseUrl + " failed: " + e.getClass().getSimpleName());
    }
}
