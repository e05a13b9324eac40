package io.autoflow.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoflow.automation.service.CredentialCipher;
import io.autoflow.automation.service.UnreadableCredentialException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CredentialCipherTest {

    private static final String OLD = "old=" + key(1);
    private static final String NEW = "new=" + key(2);
    private static final String SECRET = "ghp_0123456789abcdefSECRET";

    @Test
    void aSealedSecretOpensForItsUserAndNameOnly() {
        CredentialCipher cipher = new CredentialCipher(NEW);
        CredentialCipher.Sealed sealed = cipher.seal("user-1", "github", SECRET);

        assertThat(sealed.keyId()).isEqualTo("new");
        assertThat(sealed.nonce()).hasSize(12);
        assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain(SECRET)
                .doesNotContain("SECRET");
        assertThat(cipher.open("user-1", "github", sealed)).isEqualTo(SECRET);
        assertThatThrownBy(() -> cipher.open("user-2", "github", sealed))
                .isInstanceOf(UnreadableCredentialException.class).hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> cipher.open("user-1", "gitlab", sealed))
                .isInstanceOf(UnreadableCredentialException.class);
    }

    @Test
    void everyWriteHasItsOwnNonce() {
        CredentialCipher cipher = new CredentialCipher(NEW);
        CredentialCipher.Sealed first = cipher.seal("u", "n", SECRET);
        CredentialCipher.Sealed second = cipher.seal("u", "n", SECRET);
        assertThat(first.nonce()).isNotEqualTo(second.nonce());
        assertThat(first.ciphertext()).isNotEqualTo(second.ciphertext());
    }

    @Test
    void aTamperedCiphertextOrNonceDoesNotOpen() {
        CredentialCipher cipher = new CredentialCipher(NEW);
        CredentialCipher.Sealed sealed = cipher.seal("u", "n", SECRET);
        byte[] ciphertext = sealed.ciphertext().clone();
        ciphertext[0] ^= 1;
        assertThatThrownBy(() -> cipher.open("u", "n", new CredentialCipher.Sealed("new", sealed.nonce(),
                ciphertext))).isInstanceOf(UnreadableCredentialException.class);
        byte[] nonce = sealed.nonce().clone();
        nonce[11] ^= 1;
        assertThatThrownBy(() -> cipher.open("u", "n", new CredentialCipher.Sealed("new", nonce,
                sealed.ciphertext()))).isInstanceOf(UnreadableCredentialException.class);
        byte[] cut = Arrays.copyOf(sealed.ciphertext(), sealed.ciphertext().length - 1);
        assertThatThrownBy(() -> cipher.open("u", "n", new CredentialCipher.Sealed("new", sealed.nonce(), cut)))
                .isInstanceOf(UnreadableCredentialException.class);
    }

    @Test
    void masterKeysRotateOldSecretsStillOpenAnUnknownKeyIdIsRefused() {
        CredentialCipher.Sealed underOld = new CredentialCipher(OLD).seal("u", "n", SECRET);
        CredentialCipher rotated = new CredentialCipher(NEW + "," + OLD);

        assertThat(rotated.currentKeyId()).isEqualTo("new");
        assertThat(rotated.open("u", "n", underOld)).isEqualTo(SECRET);
        assertThat(rotated.seal("u", "n", SECRET).keyId()).isEqualTo("new");
        assertThatThrownBy(() -> new CredentialCipher(NEW).open("u", "n", underOld))
                .isInstanceOf(UnreadableCredentialException.class).hasMessageContaining("'old'")
                .hasMessageContaining("not configured");
        // The same bytes under another key id: the other key does not open them.
        assertThatThrownBy(() -> rotated.open("u", "n", new CredentialCipher.Sealed("new", underOld.nonce(),
                underOld.ciphertext()))).isInstanceOf(UnreadableCredentialException.class);
    }

    @Test
    void aMissingShortOrMalformedMasterKeyStopsTheServiceWithoutSayingTheKey() {
        assertThatThrownBy(() -> new CredentialCipher((String) null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("AUTOFLOW_CREDENTIAL_KEYS");
        assertThatThrownBy(() -> new CredentialCipher(" ")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No credential master key");
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> new CredentialCipher("k=" + shortKey)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("16 bytes").hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> new CredentialCipher("k=not base64!")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not base64").hasMessageNotContaining("not base64!");
        assertThatThrownBy(() -> new CredentialCipher(key(1))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("id=<base64 of 32 bytes>");
        assertThatThrownBy(() -> new CredentialCipher(OLD + "," + OLD)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("twice");
    }

    private static String key(int seed) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) seed);
        return Base64.getEncoder().encodeToString(key);
    }
}
