package org.kept.relay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Huawei PrivateNumber's X-AKSK PasswordDigest is Base64(HMAC-SHA256(key = app secret, Nonce + Created)), not a plain
 * SHA-256 of the three strings: checked with the published HMAC-SHA256 test vector (key "key", "The quick brown fox
 * jumps over the lazy dog" → f7bc83f4…3cd8).
 */
class HuaweiDigestTest {

    @Test
    void thePasswordDigestIsAnHmacKeyedWithTheAppSecretOverNonceAndCreated() {
        assertThat(HuaweiProvider.digest("The quick brown fox ", "jumps over the lazy dog", "key"))
                .isEqualTo("97yD9DBThCSxMpjmqm+xQ+9NWaFJRhdZl0edvC0aPNg=");
        assertThat(HuaweiProvider.digest("66C92B11FF8A425FB8D4CCFE0ED9ED1F", "2018-02-12T15:30:20Z", "secret"))
                .isNotEqualTo(HuaweiProvider.digest("66C92B11FF8A425FB8D4CCFE0ED9ED1F", "2018-02-12T15:30:20Z", "other"))
                .hasSize(44);
    }
}
