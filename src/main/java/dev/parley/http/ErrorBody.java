package dev.parley.http;

import java.util.List;

/** The one error shape of every response that is not a success. */
public record ErrorBody(List<Error> errors) {
    public record Error(String code, String title) {
    }

    public static ErrorBody of(String code, String title) {
        return new ErrorBody(List.of(new Error(code, title)));
    }
}
