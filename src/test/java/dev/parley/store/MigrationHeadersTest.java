package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The upgrade rule of the README ("Upgrading"): each migration says on its first line whether servers of the
 * previous version keep working on the migrated schema, so operators of several servers know whether a rolling
 * upgrade is safe. The migrations up to V12 were released before the rule and cannot gain the line (an edited
 * migration no longer matches the checksum Flyway recorded, and every existing installation would refuse to start);
 * they count as not compatible.
 */
class MigrationHeadersTest {
    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
    private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__[a-z0-9_]+\\.sql");
    private static final Pattern HEADER = Pattern.compile("-- compatible: (yes|no)( .*)?");
    private static final int LAST_BEFORE_THE_RULE = 12;
    private static final List<String> BEFORE_THE_RULE = List.of("V1__schema.sql", "V2__owners_and_sessions.sql",
            "V3__audit_log.sql", "V4__dashboard_one_time_notices.sql", "V5__conversations.sql",
            "V6__users_and_conversations.sql", "V9__purge.sql", "V10__integrations_and_webhooks.sql",
            "V11__webhook_deliveries.sql", "V12__switchboards.sql");

    @Test
    void everyMigrationAfterTheReleasedOnesSaysOnItsFirstLineWhetherItIsBackwardCompatible() throws IOException {
        List<Path> files;
        try (Stream<Path> listed = Files.list(MIGRATIONS)) {
            files = listed.sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            String name = file.getFileName().toString();
            Matcher versioned = VERSIONED.matcher(name);
            assertThat(versioned.matches()).as(name + " is named V<version>__<description>.sql").isTrue();
            if (Integer.parseInt(versioned.group(1)) <= LAST_BEFORE_THE_RULE) {
                assertThat(BEFORE_THE_RULE).as(name + ": a new migration takes a version after V"
                        + LAST_BEFORE_THE_RULE).contains(name);
            } else {
                String firstLine = Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("");
                assertThat(firstLine).as(name + " opens with '-- compatible: yes' or '-- compatible: no'")
                        .matches(HEADER);
            }
        }
    }
}
