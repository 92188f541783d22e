package dev.parley.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.zendesk.sunshine_conversations_client.ApiException;
import com.zendesk.sunshine_conversations_client.api.AttachmentsApi;
import com.zendesk.sunshine_conversations_client.model.AttachmentSchema;
import com.zendesk.sunshine_conversations_client.model.AttachmentDeleteBody;
import dev.parley.testing.ApiTest;
import dev.parley.testing.DataPlane;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The published Java client's {@link AttachmentsApi} (9.4.6) against Parley: {@code uploadAttachment} with a file
 * for a conversation's message, the URL it answers serving that file, and {@code deleteAttachment}.
 */
class JavaClientAttachmentsTest extends ApiTest {
    private static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    private final JavaClients clients = new JavaClients(api.baseUrl());

    @AfterEach
    void closeClients() {
        clients.close();
    }

    @Test
    void uploadAndDeleteWorkAsTheClientSendsAndReadsThem() throws Exception {
        AccountFixture account = createAccount("Java client, attachments", null);
        String appId = createApp(account.basic(), "Attachments");
        String conversationId = new DataPlane(api, appId, account.basic()).createConversation("sdkGroup");
        AttachmentsApi attachments = new AttachmentsApi(clients.basic(account.keyId(), account.secret()));
        Path file = Files.createTempFile("pixel", ".png");
        Files.write(file, PNG);

        AttachmentSchema uploaded = attachments.uploadAttachment(file.toFile(), appId, "public", "message",
                conversationId).getAttachment();
        assertThat(uploaded.getMediaType()).isEqualTo("image/png");
        assertThat(uploaded.getMediaUrl()).startsWith(api.baseUrl() + "/media/" + appId + "/")
                .endsWith(".png");
        assertThat(fetch(uploaded.getMediaUrl())).isEqualTo(PNG);

        assertThat(attachments.deleteAttachment(new AttachmentDeleteBody().mediaUrl(uploaded.getMediaUrl()), appId))
                .isNotNull();
        ApiException gone = catchThrowableOfType(ApiException.class, () -> attachments.deleteAttachment(
                new AttachmentDeleteBody().mediaUrl(uploaded.getMediaUrl()), appId));
        assertThat(gone.getCode()).isEqualTo(404);
        ApiException refused = catchThrowableOfType(ApiException.class, () -> attachments.uploadAttachment(
                file.toFile(), appId, "private", null, null));
        assertThat(refused.getCode()).isEqualTo(400);
        Files.delete(file);
    }

    private static byte[] fetch(String url) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            try (InputStream in = response.body()) {
                return in.readAllBytes();
            }
        }
    }
}
