package org.kept.disclosure.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.kept.shared.KeptException;
import org.kept.shared.Masking;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Checks an uploaded document by its size and its first bytes (a scan as PDF, JPEG or PNG), never by the name or
 * type the browser claims, as the chat module does for customers' files.
 */
@Component
class Documents {

    static final Map<String, byte[]> TYPES = new LinkedHashMap<>();

    static {
        TYPES.put("application/pdf", new byte[]{'%', 'P', 'D', 'F'});
        TYPES.put("image/jpeg", new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
        TYPES.put("image/png", new byte[]{(byte) 0x89, 'P', 'N', 'G'});
    }

    private final int maxBytes;

    Documents(@Value("${kept.disclosure.max-document-bytes:1048576}") int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** A document that passed: its clean name and the type its bytes show. */
    record Checked(Codes.DocumentKind kind, String name, String type, byte[] data) {
    }

    Checked check(String kind, String name, byte[] data, String field) {
        Codes.DocumentKind k;
        try {
            k = Codes.DocumentKind.valueOf(String.valueOf(kind));
        } catch (IllegalArgumentException e) {
            throw KeptException.invalid(java.util.List.of(new KeptException.Field(field, "disclosure.document.kind")));
        }
        if (data == null || data.length == 0) {
            throw KeptException.invalid(java.util.List.of(new KeptException.Field(field, "disclosure.document.empty")));
        }
        if (data.length > maxBytes) {
            throw KeptException.invalid(java.util.List.of(new KeptException.Field(field, "disclosure.document.size",
                    maxBytes / 1024 / 1024)));
        }
        String type = TYPES.entrySet().stream().filter(e -> startsWith(data, e.getValue())).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> KeptException.invalid(java.util.List.of(
                        new KeptException.Field(field, "disclosure.document.type"))));
        String clean = name == null ? "" : name.replaceAll("[\\p{Cntrl}/\\\\\"]", "_").strip();
        return new Checked(k, Masking.cut(clean.isEmpty() ? k.name().toLowerCase() : clean, 200), type, data);
    }

    static String sha256(byte[] data) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
