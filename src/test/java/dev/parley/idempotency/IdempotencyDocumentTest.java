package dev.parley.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every creation that takes an Idempotency-Key says so in openapi.yaml, with the answers the key can bring. */
class IdempotencyDocumentTest {
    @Test
    void everyDescribedCreationTakesTheKeyAndItsAnswers() throws IOException {
        ParseOptions resolved = new ParseOptions();
        resolved.setResolve(true);
        resolved.setResolveFully(true);
        OpenAPI document = new OpenAPIV3Parser().readContents(openApiYaml(), null, resolved).getOpenAPI();

        int described = 0;
        for (String template : IdempotentRequests.CREATIONS) {
            PathItem path = document.getPaths().get(template);
            if (path == null || path.getPost() == null) {
                continue;
            }
            described++;
            Operation post = path.getPost();
            assertThat(post.getParameters()).as("parameters of POST " + template).isNotNull()
                    .extracting(Parameter::getName, Parameter::getIn)
                    .contains(tuple(IdempotentRequests.KEY_HEADER, "header"));
            assertThat(post.getResponses()).as("answers of POST " + template).containsKeys("409", "422");
        }
        assertThat(described).as("creations described in openapi.yaml").isPositive();
    }

    private static String openApiYaml() throws IOException {
        try (InputStream in = IdempotencyDocumentTest.class.getResourceAsStream("/openapi.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
