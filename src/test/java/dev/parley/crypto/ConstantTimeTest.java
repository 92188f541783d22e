package dev.parley.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConstantTimeTest {

    @Test
    void isTrueOnlyForEqualSecrets() {
        assertThat(ConstantTime.equals("s3cret-value", "s3cret-value")).isTrue();
        assertThat(ConstantTime.equals("s3cret-value", "s3cret-valuf")).isFalse();
        assertThat(ConstantTime.equals("s3cret-value", "s3cret-valu")).as("a prefix").isFalse();
        assertThat(ConstantTime.equals("s3cret-value", "s3cret-value-and-more")).as("longer").isFalse();
        assertThat(ConstantTime.equals("s3cret-value", "")).isFalse();
        assertThat(ConstantTime.equals("", "")).isTrue();
        assertThat(ConstantTime.equals("é", "e\u0301")).as("bytes, not rendering").isFalse();
        assertThat(ConstantTime.equals(null, "x")).isFalse();
        assertThat(ConstantTime.equals("x", null)).isFalse();
    }
}
