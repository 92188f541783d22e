package dev.parley.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The one error shape of every response that is not a success. On /v1.1 routes the first error is repeated as
 * {@code "error":{"code","description"}}, which is what v1.1 clients (smooch-core) read.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(List<Error> errors, LegacyError error) {
    public record Error(String code, String title) {
    }

    public record LegacyError(String code, String description) {
    }

    public static ErrorBody of(String code, String title) {
        return new ErrorBody(List.of(new Error(code, title)), null);
    }

    public static ErrorBody withLegacyError(String code, String title) {
        return new ErrorBody(List.of(new Error(code, title)), new LegacyError(code, title));
    }
}
