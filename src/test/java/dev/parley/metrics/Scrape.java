package dev.parley.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_35_0.Metrics.LabelPair;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_35_0.Metrics.Metric;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_35_0.Metrics.MetricFamily;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One scrape of {@code /metrics}, read with the Prometheus data model's own protobuf classes (as Prometheus itself
 * can scrape it): no Java library on Maven Central parses the text format, and the protobuf exposition is the same
 * registry's snapshot written by the Prometheus client's other writer. Counters are read by their family name with
 * {@code _total}, histograms by their sample count.
 */
record Scrape(Map<String, MetricFamily> families) {
    static final String PROTOBUF = "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; "
            + "encoding=delimited";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static Scrape of(String baseUrl) {
        return of(baseUrl, null);
    }

    /** With {@code Authorization: Bearer <token>} when a token is given. */
    static Scrape of(String baseUrl, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/metrics"))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", PROTOBUF);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).as("GET /metrics").isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/vnd.google.protobuf"));
            return parse(new ByteArrayInputStream(response.body()));
        } catch (IOException e) {
            throw new AssertionError("GET /metrics failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Scrape parse(InputStream body) throws IOException {
        Map<String, MetricFamily> families = new HashMap<>();
        for (MetricFamily family = MetricFamily.parseDelimitedFrom(body); family != null;
             family = MetricFamily.parseDelimitedFrom(body)) {
            assertThat(families.put(family.getName(), family)).as("family %s twice", family.getName()).isNull();
        }
        return new Scrape(Map.copyOf(families));
    }

    boolean has(String family) {
        return families.containsKey(family);
    }

    /** The series of a family, each as its labels. */
    List<Map<String, String>> series(String family) {
        return metrics(family).map(Scrape::labels).toList();
    }

    /**
     * The sum over the family's series whose labels include {@code labels} (given as name, value, name, value…): a
     * counter's or gauge's value, a histogram's sample count; 0 when there is none.
     */
    double value(String family, String... labels) {
        Map<String, String> wanted = new HashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        return metrics(family)
                .filter(metric -> labels(metric).entrySet().containsAll(wanted.entrySet()))
                .mapToDouble(metric -> switch (families.get(family).getType()) {
                    case COUNTER -> metric.getCounter().getValue();
                    case GAUGE -> metric.getGauge().getValue();
                    case HISTOGRAM -> metric.getHistogram().getSampleCount();
                    default -> metric.getUntyped().getValue();
                })
                .sum();
    }

    /** Every label value of every series, to look for what must never be a label. */
    Stream<String> labelValues() {
        return families.values().stream().flatMap(family -> family.getMetricList().stream())
                .flatMap(metric -> metric.getLabelList().stream()).map(LabelPair::getValue);
    }

    private Stream<Metric> metrics(String family) {
        MetricFamily found = families.get(family);
        return found == null ? Stream.empty() : found.getMetricList().stream();
    }

    private static Map<String, String> labels(Metric metric) {
        Map<String, String> labels = new HashMap<>();
        metric.getLabelList().forEach(label -> labels.put(label.getName(), label.getValue()));
        return labels;
    }
}
