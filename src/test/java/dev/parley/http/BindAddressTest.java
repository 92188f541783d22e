package dev.parley.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.config.ConfigException;
import dev.parley.testing.Api;
import dev.parley.testing.Auth;
import dev.parley.testing.TestDatabase;
import dev.parley.testing.TestServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Where the server listens (PARLEY_BIND_ADDRESS). All of 127.0.0.0/8 is loopback on Linux, so a server bound to
 * 127.0.0.1 is out of reach at 127.0.0.2, as it would be from another machine, while one bound to every interface
 * answers there.
 */
class BindAddressTest {

    @Test
    void aServerBoundToLoopbackIsOutOfReachOnAnyOtherAddress() throws IOException {
        try (TestServer loopback = new TestServer(TestDatabase.EMBEDDED, Map.of("PARLEY_BIND_ADDRESS", "127.0.0.1"))) {
            int port = port(loopback);
            assertThat(loopback.api().get("/health/live", Auth.NONE).status()).isEqualTo(200);
            assertThatThrownBy(() -> connect("127.0.0.2", port)).isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void byDefaultAServerListensOnEveryInterface() throws IOException {
        try (TestServer everywhere = new TestServer(TestDatabase.EMBEDDED)) {
            int port = port(everywhere);
            connect("127.0.0.2", port).close();
            assertThat(new Api("http://127.0.0.2:" + port).get("/health/live", Auth.NONE).status()).isEqualTo(200);
        }
    }

    @Test
    void anAddressThisMachineDoesNotHaveStopsTheServerNamingTheVariable() {
        // 192.0.2.0/24 is reserved for documentation: no machine has it.
        assertThatThrownBy(() -> new TestServer(TestDatabase.EMBEDDED, Map.of("PARLEY_BIND_ADDRESS", "192.0.2.1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("192.0.2.1")
                .hasMessageContaining("PARLEY_BIND_ADDRESS")
                .hasMessageNotContaining("already in use");
    }

    private static int port(TestServer server) {
        return URI.create(server.api().baseUrl()).getPort();
    }

    private static Socket connect(String address, int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(address, port), 5_000);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }
}
