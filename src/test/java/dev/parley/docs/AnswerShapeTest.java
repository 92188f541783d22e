package dev.parley.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The README's answer notation, which ReadmeWalkthroughTest holds every documented answer to. */
class AnswerShapeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anObjectWithoutAnEllipsisHasExactlyTheKeysShown() throws Exception {
        AnswerShape shape = AnswerShape.parse("{\"key\":{\"id\":\"act_…\",\"secret\"}}");
        assertThat(mismatch(shape, "{\"key\":{\"id\":\"act_1\",\"secret\":\"s\"}}")).isNull();
        assertThat(mismatch(shape, "{\"key\":{\"id\":\"act_1\",\"secret\":\"s\",\"extra\":1}}"))
                .contains("$.key has \"extra\"");
        assertThat(mismatch(shape, "{\"key\":{\"id\":\"act_1\"}}")).contains("$.key has no \"secret\"");
        assertThat(mismatch(shape, "{\"key\":{\"id\":\"app_1\",\"secret\":\"s\"}}")).contains("$.key.id");
        assertThat(mismatch(shape, "{\"errors\":[]}")).contains("has no \"key\"");
    }

    @Test
    void anEllipsisAllowsMoreKeysOrElementsAndAnyText() throws Exception {
        AnswerShape shape = AnswerShape.parse("{\"apps\":[{\"displayName\":\"Berlin customer\",…},…],…}");
        assertThat(mismatch(shape, "{\"apps\":[{\"id\":\"1\",\"displayName\":\"Berlin customer\"},{}],\"meta\":{}}"))
                .isNull();
        assertThat(mismatch(shape, "{\"apps\":[]}")).contains("$.apps has 0 elements");
        assertThat(mismatch(shape, "{\"apps\":[{\"displayName\":\"Customer One\"}]}"))
                .contains("$.apps[0].displayName");
        assertThat(mismatch(AnswerShape.parse("{…}"), "{\"anything\":[1]}")).isNull();
        assertThat(mismatch(AnswerShape.parse("{…}"), "[]")).contains("not an object");
    }

    @Test
    void arraysWithoutAnEllipsisAndLiteralsMatchExactly() throws Exception {
        AnswerShape shape = AnswerShape.parse("{\"apps\":[],\"maxApps\":5,\"metadata\":null}");
        assertThat(mismatch(shape, "{\"apps\":[],\"maxApps\":5,\"metadata\":null}")).isNull();
        assertThat(mismatch(shape, "{\"apps\":[{}],\"maxApps\":5,\"metadata\":null}")).contains("$.apps has 1");
        assertThat(mismatch(shape, "{\"apps\":[],\"maxApps\":\"5\",\"metadata\":null}")).contains("$.maxApps");
        assertThat(mismatch(AnswerShape.parse("{}"), "{\"errors\":[]}")).contains("has \"errors\"");
    }

    @Test
    void refusesAnAnswerItCannotRead() {
        assertThatThrownBy(() -> AnswerShape.parse("{\"apps\":[}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AnswerShape.parse("{\"app\"} and more")).hasMessageContaining("text after");
    }

    private static String mismatch(AnswerShape shape, String answer) throws Exception {
        return shape.mismatch(JSON.readTree(answer));
    }
}
