package dev.parley.cli;

import dev.parley.ParleyServer;
import dev.parley.config.ConfigException;
import dev.parley.config.ParleyConfig;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import sun.misc.Signal;

/** Runs the server until SIGTERM or SIGINT, then lets requests in flight finish and exits 0. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the HTTP server (configuration from PARLEY_* environment variables; see the README).")
public final class ServeCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Override
    public Integer call() throws InterruptedException {
        // Handlers first: a SIGTERM that arrives while the server starts still stops it cleanly.
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), signal -> stop.countDown());
        Signal.handle(new Signal("INT"), signal -> stop.countDown());
        ParleyServer server;
        try {
            server = ParleyServer.start(ParleyConfig.fromEnvironment());
        } catch (ConfigException e) {
            LOG.error("cannot start: {}", e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            LOG.error("cannot start: {}", StartupFailure.describe(e));
            return 1;
        }
        stop.await();
        LOG.info("stopping: finishing requests in flight");
        server.close();
        LOG.info("stopped");
        return 0;
    }
}
