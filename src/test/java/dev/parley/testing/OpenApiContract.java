package dev.parley.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Checks every response the test suite receives against Parley's own OpenAPI document (the one the server
 * publishes at /openapi.yaml). A response outside the document fails the test that received it.
 */
public final class OpenApiContract {
    private static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator
            .createForInlineApiSpecification(readSpec())
            .withLevelResolver(LevelResolver.create()
                    // Requests are the tests' business (many are malformed on purpose); responses are checked.
                    .withLevel("validation.request", ValidationReport.Level.IGNORE)
                    .build())
            .build();

    private OpenApiContract() {
    }

    /** Fails when the response does not match the document for that method and path. */
    public static void check(String method, String pathWithQuery, Response response) {
        String path = pathWithQuery.contains("?") ? pathWithQuery.substring(0, pathWithQuery.indexOf('?'))
                : pathWithQuery;
        SimpleResponse.Builder actual = SimpleResponse.Builder.status(response.status());
        response.headers().map().forEach((name, values) -> actual.withHeader(name, values));
        if (!response.text().isEmpty()) {
            actual.withBody(response.text());
        }
        ValidationReport report = VALIDATOR.validateResponse(path, Request.Method.valueOf(method), actual.build());
        if (report.hasErrors()) {
            throw new AssertionError("Response to " + method + " " + pathWithQuery + " does not match openapi.yaml: "
                    + report.getMessages() + "\nresponse: " + response);
        }
    }

    /** Whether the document describes this method on this path at all (never for a method HTTP does not define). */
    public static boolean describes(String method, String pathWithQuery) {
        if (java.util.Arrays.stream(Request.Method.values()).noneMatch(known -> known.name().equals(method))) {
            return false;
        }
        String path = pathWithQuery.contains("?") ? pathWithQuery.substring(0, pathWithQuery.indexOf('?'))
                : pathWithQuery;
        ValidationReport report = VALIDATOR.validateResponse(path, Request.Method.valueOf(method),
                SimpleResponse.Builder.status(599).build());
        return report.getMessages().stream().noneMatch(m ->
                m.getKey().equals("validation.response.path.missing")
                        || m.getKey().equals("validation.response.operation.notAllowed"));
    }

    private static String readSpec() {
        try (InputStream in = OpenApiContract.class.getResourceAsStream("/openapi.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
