package dev.parley.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SealerTest {
    private final Sealer sealer = new Sealer(randomKey());

    @Test
    void sealedSecretsOpenOnlyUnderTheSameKeyAndKeyId() {
        String secret = new SecretGenerator().next();
        String sealed = sealer.seal("app_000000000000000000000001", secret);
        assertThat(sealed).startsWith("v1.").doesNotContain(secret);
        assertThat(sealer.open("app_000000000000000000000001", sealed)).isEqualTo(secret);
        assertThat(sealer.seal("app_000000000000000000000001", secret)).as("a fresh nonce each time").isNotEqualTo(sealed);

        assertThatThrownBy(() -> sealer.open("app_000000000000000000000002", sealed))
                .isInstanceOf(Sealer.SealedSecretException.class);
        assertThatThrownBy(() -> new Sealer(randomKey()).open("app_000000000000000000000001", sealed))
                .isInstanceOf(Sealer.SealedSecretException.class);
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(3));
        bytes[bytes.length - 1] ^= 1;
        String tampered = "v1." + Base64.getEncoder().encodeToString(bytes);
        assertThatThrownBy(() -> sealer.open("app_000000000000000000000001", tampered))
                .isInstanceOf(Sealer.SealedSecretException.class);
    }

    @Test
    void secretsAre256RandomBitsOfUrlSafeText() {
        String secret = new SecretGenerator().next();
        assertThat(secret).matches("[A-Za-z0-9_-]{43}");
        assertThat(Base64.getUrlDecoder().decode(secret)).hasSize(32);
        assertThat(new SecretGenerator().next()).isNotEqualTo(secret);
    }

    @Test
    void constantTimeComparisonComparesWholeValues() {
        assertThat(ConstantTime.equals("abc", "abc")).isTrue();
        assertThat(ConstantTime.equals("abc", "abd")).isFalse();
        assertThat(ConstantTime.equals("abc", "abcd")).isFalse();
        assertThat(ConstantTime.equals("abc", null)).isFalse();
    }

    private static MasterKey randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return MasterKey.parse(Base64.getEncoder().encodeToString(key));
    }
}
