package org.kept.mail.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The attachment checks: a size limit, a list of content types the centre accepts, and the bytes must look like the
 * declared type (an "image" that is an executable is refused).
 */
@Component
class Attachments {

    private static final Set<String> ACCEPTED = Set.of("image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf",
            "text/plain", "text/csv", "application/msword", "application/vnd.ms-excel",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/zip",
            "application/octet-stream");
    private static final Set<String> EXECUTABLE = Set.of("exe", "bat", "cmd", "com", "scr", "js", "vbs", "jar", "msi", "ps1", "sh");

    private final int maxBytes;

    Attachments(@Value("${kept.mail.max-attachment-bytes:10485760}") int maxBytes) {
        this.maxBytes = maxBytes;
    }

    int maxBytes() {
        return maxBytes;
    }

    /** Null when the attachment may be stored, else why not. */
    String problem(String fileName, String contentType, byte[] data) {
        if (data.length > maxBytes) {
            return "larger than " + maxBytes + " bytes";
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        if (!ACCEPTED.contains(type)) {
            return "type " + type + " not accepted";
        }
        int dot = fileName.lastIndexOf('.');
        if (dot >= 0 && EXECUTABLE.contains(fileName.substring(dot + 1).toLowerCase(Locale.ROOT))) {
            return "executable";
        }
        if (data.length >= 2 && data[0] == 'M' && data[1] == 'Z') {
            return "executable";
        }
        boolean looksRight = switch (type) {
            case "image/png" -> starts(data, new byte[] {(byte) 0x89, 'P', 'N', 'G'});
            case "image/jpeg" -> starts(data, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
            case "image/gif" -> starts(data, "GIF8".getBytes(StandardCharsets.US_ASCII));
            case "application/pdf" -> starts(data, "%PDF".getBytes(StandardCharsets.US_ASCII));
            default -> true;
        };
        return looksRight ? null : "content is not " + type;
    }

    private static boolean starts(byte[] data, byte[] magic) {
        return data.length >= magic.length && Arrays.equals(Arrays.copyOf(data, magic.length), magic);
    }
}
