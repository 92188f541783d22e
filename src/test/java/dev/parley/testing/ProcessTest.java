package dev.parley.testing;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Base of the tests that run Parley in processes of their own ({@link ParleyProcess}): each test class runs once
 * against the embedded database and once against PostgreSQL, and each test gets a fresh environment, whose
 * database is dropped after it.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
public abstract class ProcessTest {
    protected static final String OPERATOR_TOKEN = "process-test-operator-token-0123456789";

    @Parameter
    protected TestDatabase database;

    /** The variables the test's servers start with ({@link ParleyProcess#environment}), for each test to add to. */
    protected Map<String, String> env;

    @BeforeEach
    void freshEnvironment() throws IOException {
        env = ParleyProcess.environment(database.freshDatabase(), OPERATOR_TOKEN);
    }

    @AfterEach
    void dropDatabase() {
        TestDatabase.dropDatabase(env);
    }
}
