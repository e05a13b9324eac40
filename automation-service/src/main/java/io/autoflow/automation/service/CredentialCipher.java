package io.autoflow.automation.service;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals credentials' secrets with AES-256-GCM: a fresh random 96-bit nonce for every write, the user id and the
 * credential's name as associated data (a ciphertext copied to another user's or another name's row does not open),
 * and the id of the master key used, so master keys can be rotated ({@link CredentialConfig#keys()}). The 128-bit tag
 * makes any change to the stored bytes fail to open. Made at startup: a missing or malformed key stops the service
 * with a message naming the setting, never the key.
 */
@ApplicationScoped
@Startup
public class CredentialCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int KEY_BYTES = 32;
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final String SETTING = "autoflow.credentials.keys (AUTOFLOW_CREDENTIAL_KEYS)";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, SecretKey> keys = new LinkedHashMap<>();
    private final String currentId;

    /** A secret as stored: the master key's id, the nonce, and the ciphertext with its tag. */
    public record Sealed(String keyId, byte[] nonce, byte[] ciphertext) {
    }

    @Inject
    public CredentialCipher(CredentialConfig config) {
        this(configured(config));
    }

    /** @param configured {@code id=<base64 of 32 bytes>} entries separated by commas; the first seals */
    public CredentialCipher(String configured) {
        if (configured == null || configured.isBlank()) {
            throw new IllegalStateException("No credential master key: set " + SETTING
                    + " to id=<base64 of 32 random bytes> (./autoflow makes one in .autoflow/secrets.env)");
        }
        for (String entry : configured.split(",")) {
            String[] idAndKey = entry.trim().split("=", 2);
            if (idAndKey.length != 2 || !KEY_ID.matcher(idAndKey[0].trim()).matches()) {
                throw new IllegalStateException(SETTING + ": each key is written id=<base64 of 32 bytes>, the id of"
                        + " 1 to 32 letters, digits, '-' or '_'");
            }
            String id = idAndKey[0].trim();
            byte[] key;
            try {
                key = Base64.getDecoder().decode(idAndKey[1].trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(SETTING + ": key '" + id + "' is not base64");
            }
            if (key.length != KEY_BYTES) {
                throw new IllegalStateException(SETTING + ": key '" + id + "' is " + key.length
                        + " bytes; AES-256 needs exactly " + KEY_BYTES);
            }
            if (keys.put(id, new SecretKeySpec(key, "AES")) != null) {
                throw new IllegalStateException(SETTING + ": key id '" + id + "' is given twice");
            }
        }
        currentId = keys.keySet().iterator().next();
    }

    private static String configured(CredentialConfig config) {
        if (config.keys().isPresent() && !config.keys().get().isBlank()) {
            return config.keys().get();
        }
        if (config.keysFile().isPresent()) {
            try {
                return Files.readString(config.keysFile().get(), StandardCharsets.US_ASCII).strip();
            } catch (IOException e) {
                throw new IllegalStateException("autoflow.credentials.keys-file " + config.keysFile().get()
                        + " cannot be read: " + e.getMessage());
            }
        }
        return null;
    }

    /** The id of the key new secrets are sealed with. */
    public String currentKeyId() {
        return currentId;
    }

    public Sealed seal(String userId, String name, String secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(userId, name));
            return new Sealed(currentId, nonce, cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM sealing failed", e);
        }
    }

    /**
     * The secret of the user's credential of that name.
     *
     * @throws UnreadableCredentialException when its key is not configured, or the stored bytes, user or name are
     *         not those it was sealed with
     */
    public String open(String userId, String name, Sealed sealed) {
        SecretKey key = keys.get(sealed.keyId());
        if (key == null) {
            throw new UnreadableCredentialException("sealed with master key '" + sealed.keyId()
                    + "', which is not configured");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.nonce()));
            cipher.updateAAD(associatedData(userId, name));
            return new String(cipher.doFinal(sealed.ciphertext()), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new UnreadableCredentialException("does not open under master key '" + sealed.keyId() + "'");
        }
    }

    /** Length-prefixed, so no user id and name can be confused with another pair. */
    private static byte[] associatedData(String userId, String name) {
        String user = userId == null ? "" : userId;
        return ("autoflow-credential-v1:" + user.length() + ":" + user + ":" + name).getBytes(StandardCharsets.UTF_8);
    }
}
