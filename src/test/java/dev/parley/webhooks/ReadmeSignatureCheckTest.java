package dev.parley.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.docs.Readme;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's signature check, in Python with its standard library alone, run as written against signatures
 * Parley makes: it accepts them, and refuses a changed body, another secret and an old timestamp.
 */
class ReadmeSignatureCheckTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BODY = "{\"app\":{\"id\":\"6b15a32795952167744b8e96\"},\"webhook\":{\"id\":"
            + "\"6b15a32795952167744b8e97\",\"version\":\"v2\"},\"events\":[{\"id\":\"6b15a32795952167744b8e98\","
            + "\"type\":\"conversation:message\",\"payload\":{\"text\":\"Grüße\"}}]}";

    @Test
    void theReadmesPythonAcceptsParleysSignaturesAndNothingElse() throws Exception {
        String secret = newSecret();
        long now = Instant.now().getEpochSecond();
        String id = "6b15a32795952167744b8e97_6b15a32795952167744b8e98";
        String signature = WebhookSignature.sign(secret, id, now, BODY);

        assertThat(verify(secret, id, now, signature, BODY)).isEqualTo("True");
        assertThat(verify(secret, id, now, "v0,nonsense " + signature, BODY)).as("one of several").isEqualTo("True");
        assertThat(verify(secret, id, now, signature, BODY.replace("Grüße", "Grüsse"))).isEqualTo("False");
        assertThat(verify(newSecret(), id, now, signature, BODY)).isEqualTo("False");
        long old = now - 3600;
        assertThat(verify(secret, id, old, WebhookSignature.sign(secret, id, old, BODY), BODY)).isEqualTo("False");
    }

    private static String newSecret() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    /** Runs the README's {@code verify} on one request, passed as JSON on standard input; answers what it printed. */
    private static String verify(String secret, String id, long timestamp, String signature, String body)
            throws IOException, InterruptedException {
        Path script = Files.createTempFile("verify-", ".py");
        try {
            Files.writeString(script, Readme.onlyBlock("python", "def verify(") + """

                    import json, sys
                    request = json.load(sys.stdin)
                    print(verify(request["secret"], request["headers"], request["body"].encode("utf-8")))
                    """);
            Process python = new ProcessBuilder("python3", script.toString()).redirectErrorStream(true).start();
            python.getOutputStream().write(JSON.writeValueAsBytes(Map.of("secret", secret, "body", body,
                    "headers", Map.of("webhook-id", id, "webhook-timestamp", Long.toString(timestamp),
                            "webhook-signature", signature))));
            python.getOutputStream().close();
            String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(python.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(python.exitValue()).as(output).isZero();
            return output;
        } finally {
            Files.delete(script);
        }
    }
}
