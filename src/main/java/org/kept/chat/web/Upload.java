package org.kept.chat.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.kept.chat.internal.ChatFile;
import org.kept.shared.KeptException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A file sent in a chat, as JSON carries it (base64), and its way back out as an attachment the browser will not run. */
record Upload(String clientId, String name, String data) {

    static byte[] bytes(String base64) {
        try {
            return base64 == null ? null : Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw KeptException.invalid("chat.error.file");
        }
    }

    static ResponseEntity<byte[]> answer(ChatFile f) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(f.type()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(f.name(), StandardCharsets.UTF_8)
                        .build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(f.data());
    }
}
