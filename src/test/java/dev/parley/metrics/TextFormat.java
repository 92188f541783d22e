package dev.parley.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.testing.NodeJs;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scrape in the Prometheus text format as a Prometheus text parser reads it: the npm package
 * parse-prometheus-text-format (a port of the Prometheus Python client's parser), run by
 * {@code src/test/js/prometheus-text.mjs}, which answers prom2json's shape. It keeps the labels of counters and
 * gauges but folds a labelled histogram's series into one set of buckets: the histograms' labels and counts are read
 * from the protobuf scrape ({@link Scrape}) instead.
 */
final class TextFormat {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TextFormat() {
    }

    static JsonNode parse(String text) throws IOException, InterruptedException {
        Process node = new ProcessBuilder(NodeJs.executable(), "prometheus-text.mjs")
                .directory(NodeJs.PACKAGES.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> {
            try {
                return node.getInputStream().readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try (OutputStream in = node.getOutputStream()) {
            in.write(text.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).as("the parser ends").isTrue();
        assertThat(node.exitValue()).as("the parser's exit code").isZero();
        JsonNode families = JSON.readTree(out.join());
        assertThat(families.isArray() && !families.isEmpty()).as("families parsed").isTrue();
        return families;
    }
}
