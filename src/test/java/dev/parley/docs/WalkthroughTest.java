package dev.parley.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the README's walkthrough blocks are read: which comments are claims about a command's output. */
class WalkthroughTest {
    private static final String BLOCK = """
            # 1. Prose about what follows.
            ANSWER=$(curl -s -X POST "$PARLEY/v2/apps" \\
              -d '{"displayName":"One"}')
            # {"app":{"id":"…",
            #  "displayName":"One",…}}
            APP_ID=$(jq -r .app.id <<<"$ANSWER")
            curl -s "$PARLEY/v2/apps" -w '\\n%{http_code}\\n'   # 403 forbidden
            curl -s "$PARLEY/v2/apps/$APP_ID" -w '\\n%{http_code}\\n'
            # 200 {"app":{…}}
            jwt() { # jwt KEY_ID SECRET SCOPE
              printf '%s' "$1"
            }
            read -r -p 'Key id: ' KEY_ID; read -rs -p 'Secret: ' SECRET; echo
            """;

    @Test
    void findsTheStatusesAnswersAndPromptsTheReadmeShows() {
        List<Walkthrough.Step> steps = new Walkthrough(List.of(BLOCK)).steps();
        assertThat(steps).hasSize(4);
        assertThat(steps.get(0).command()).startsWith("ANSWER=$(curl").endsWith("#  \"displayName\":\"One\",…}}");
        assertThat(steps.get(0).captured()).isEqualTo("ANSWER");
        assertThat(steps.get(0).status()).isNull();
        assertThat(steps.get(0).answer()).hasToString("{\"app\":{\"id\":\"…\", \"displayName\":\"One\",…}}");
        assertThat(steps.get(1).status()).isEqualTo(403);
        assertThat(steps.get(1).answer()).isNull();
        assertThat(steps.get(2).status()).isEqualTo(200);
        assertThat(steps.get(2).answer()).hasToString("{\"app\":{…}}");
        assertThat(steps.get(3).prompts()).containsExactly("Key id: ", "Secret: ");
    }

    @Test
    void theScriptIsTheReadmesTextWithMarkersAdded() {
        String script = new Walkthrough(List.of(BLOCK)).script();
        assertThat(script).startsWith("set -Eeuo pipefail\n");
        // After set and the ERR trap, the README's lines and the added printf lines.
        assertThat(script.lines().skip(2).filter(line -> !line.startsWith("printf '\\n\\036")
                && !line.startsWith("printf '%s"))).as("every line but the added ones").isEqualTo(BLOCK.lines().toList());
        assertThat(script).contains("APP_ID=$(jq -r .app.id <<<\"$ANSWER\")\n");
        assertThat(script).contains("printf '%s\\n' \"$ANSWER\"\n");
    }

    @Test
    void readsTheMarkedOutputOfEachStep() {
        List<String> printed = List.of("ignored", "", Walkthrough.MARK + "step 1", "{\"errors\":[]}", "403", "",
                Walkthrough.MARK + "end", "ignored too");
        assertThat(Walkthrough.outputs(printed)).containsExactly(Map.entry(1, "{\"errors\":[]}\n403"));
    }
}
