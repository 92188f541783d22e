package dev.parley.compat;

import com.zendesk.sunshine_conversations_client.ApiClient;
import java.util.ArrayList;
import java.util.List;

/** The published Java client's ApiClients one test makes against Parley, with Basic auth; closed after the test. */
final class JavaClients implements AutoCloseable {
    private final String baseUrl;
    private final List<ApiClient> made = new ArrayList<>();

    JavaClients(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A client configured as its README says, with only the base path and the credentials changed. */
    ApiClient basic(String user, String password) {
        ApiClient client = new ApiClient().setBasePath(baseUrl);
        client.setUsername(user);
        client.setPassword(password);
        made.add(client);
        return client;
    }

    @Override
    public void close() {
        made.forEach(client -> client.getHttpClient().close());
    }
}
