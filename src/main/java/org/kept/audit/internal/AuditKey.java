package org.kept.audit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The key that signs the audit chain (HMAC-SHA256), kept outside the database so that whoever can write the database
 * cannot re-sign a rewritten chain. From {@code KEPT_AUDIT_KEY}, else the file {@code KEPT_AUDIT_KEY_FILE}, else
 * {@code ./data/audit.key}, generated on first start (a single embedded instance: the demo, a trial) with one warning.
 * Several instances sharing one database must be given the same key.
 */
@Component
class AuditKey {

    private static final Logger log = LoggerFactory.getLogger(AuditKey.class);
    static final int MIN_LENGTH = 32;

    private final byte[] secret;
    private final String id;
    private final String source;

    AuditKey(@Value("${kept.audit.key:}") String key, @Value("${kept.audit.key-file:}") String keyFile,
             @Value("${kept.audit.generated-key-file:./data/audit.key}") String generatedFile) {
        String text;
        if (!key.isBlank()) {
            text = key.strip();
            source = "KEPT_AUDIT_KEY";
        } else if (!keyFile.isBlank()) {
            text = read(Path.of(keyFile.strip()));
            source = keyFile.strip();
        } else {
            Path file = Path.of(generatedFile);
            text = Files.exists(file) ? read(file) : generate(file);
            source = file.toString();
        }
        if (text.length() < MIN_LENGTH) {
            throw new IllegalStateException("The audit key from " + source + " has " + text.length()
                    + " characters; give at least " + MIN_LENGTH + " (e.g. openssl rand -base64 32)");
        }
        secret = text.getBytes(StandardCharsets.UTF_8);
        id = sign("kept-audit-key-id").substring(0, 16);
    }

    /** HMAC-SHA256 of the text under the key, as 64 hex characters. */
    String sign(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }

    /** The signature of one sealed entry: it covers the entry's chain hash, so every entry before it as well. */
    String signEntry(String hash) {
        return sign("entry\u001f" + hash);
    }

    /** The signature of the chain's head, so the head row cannot be moved back to an earlier entry's values. */
    String signHead(long seq, String hash) {
        return sign("head\u001f" + seq + "\u001f" + hash);
    }

    /** A fingerprint that names the key without revealing it: which key signed the chain. */
    String id() {
        return id;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the audit key file " + file, e);
        }
    }

    private static String generate(Path file) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String text = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.writeString(file, text + "\n", StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the file keeps the folder's permissions
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a new audit key to " + file
                    + "; set KEPT_AUDIT_KEY or KEPT_AUDIT_KEY_FILE", e);
        }
        log.warn("No KEPT_AUDIT_KEY or KEPT_AUDIT_KEY_FILE: generated the audit chain key in {}. Keep a copy apart from "
                + "the database and its backups; several instances on one database need the same key.", file.toAbsolutePath());
        return text;
    }
}
