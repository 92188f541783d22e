package dev.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpStatus;
import org.junit.jupiter.api.Test;

/** Every error status says what happened: none is passed off as another, least of all as our own fault. */
class ErrorCodesTest {

    @Test
    void givesEveryKnownStatusACodeAndTitleOfItsOwn() {
        Map<String, Integer> codes = new HashMap<>();
        Map<String, Integer> titles = new HashMap<>();
        for (int status : ErrorCodes.statuses()) {
            assertThat(status).isBetween(400, 599);
            assertThat(ErrorCodes.codeFor(status)).as("code of %s", status).matches("[a-z][a-z0-9_]*");
            assertThat(codes.put(ErrorCodes.codeFor(status), status)).as("code of %s used twice", status).isNull();
            assertThat(titles.put(ErrorCodes.titleFor(status), status)).as("title of %s used twice", status).isNull();
            assertThat(ErrorCodes.titleFor(status)).as("title of %s", status).doesNotContain("\"", "\\");
        }
        assertThat(ErrorCodes.statuses()).as("every status Parley or Jetty answers")
                .contains(400, 401, 402, 403, 404, 405, 408, 409, 413, 414, 415, 417, 426, 429, 431, 500, 503, 505);
        assertThat(ErrorCodes.codeFor(505)).isEqualTo("http_version_not_supported");
        assertThat(ErrorCodes.titleFor(505)).contains("HTTP version");
    }

    @Test
    void neverPassesAMeaningfulStatusOffAsAnInternalErrorOrAMalformedRequest() {
        for (HttpStatus.Code standard : HttpStatus.Code.values()) {
            int status = standard.getCode();
            if (status < 400 || status == 400 || status == 500) {
                continue;
            }
            assertThat(ErrorCodes.codeFor(status)).as("code of %s", status)
                    .isNotIn("internal_error", "bad_request").matches("[a-z][a-z0-9_]*");
            assertThat(ErrorCodes.titleFor(status)).as("title of %s", status)
                    .isNotIn(ErrorCodes.titleFor(500), ErrorCodes.titleFor(400));
        }
        assertThat(ErrorCodes.codeFor(501)).isEqualTo("not_implemented");
        assertThat(ErrorCodes.codeFor(418)).isEqualTo("im_a_teapot");
        assertThat(ErrorCodes.codeFor(599)).as("a status HTTP gives no meaning").isEqualTo("internal_error");
        assertThat(ErrorCodes.codeFor(499)).isEqualTo("bad_request");
    }
}
