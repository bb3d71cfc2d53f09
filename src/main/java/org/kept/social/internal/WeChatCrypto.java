package org.kept.social.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The WeChat callback's signatures and safe-mode message crypto (消息加解密): signature = sha1 of the sorted strings;
 * AES key = Base64(EncodingAESKey + "="), 32 bytes; AES-256-CBC with IV = the key's first 16 bytes; plaintext = 16
 * random bytes, the XML's length (4 bytes, big-endian), the XML, the AppId; PKCS#7 padded to a multiple of 32.
 */
public final class WeChatCrypto {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;
    private final String appId;

    public WeChatCrypto(String encodingAesKey, String appId) {
        if (encodingAesKey == null || encodingAesKey.length() != 43) {
            throw new IllegalArgumentException("an EncodingAESKey has 43 characters");
        }
        this.key = Base64.getDecoder().decode(encodingAesKey + "=");
        this.appId = appId;
    }

    /** sha1 over the strings sorted and joined, in lower-case hex. */
    public static String signature(String... parts) {
        String[] sorted = parts.clone();
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = sorted[i] == null ? "" : sorted[i];
        }
        Arrays.sort(sorted);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(String.join("", sorted).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code given} is the signature of the parts, compared in constant time. */
    public static boolean verify(String given, String... parts) {
        if (given == null) {
            return false;
        }
        return MessageDigest.isEqual(signature(parts).getBytes(StandardCharsets.US_ASCII),
                given.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    public String encrypt(String xml) {
        byte[] text = xml.getBytes(StandardCharsets.UTF_8);
        byte[] id = appId.getBytes(StandardCharsets.UTF_8);
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        int length = 16 + 4 + text.length + id.length;
        int pad = 32 - (length % 32);
        ByteBuffer plain = ByteBuffer.allocate(length + pad);
        plain.put(nonce).putInt(text.length).put(text).put(id);
        for (int i = 0; i < pad; i++) {
            plain.put((byte) pad);
        }
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE);
            return Base64.getEncoder().encodeToString(cipher.doFinal(plain.array()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The XML inside; refuses a message that does not decrypt or names another AppId. */
    public String decrypt(String encrypted) {
        byte[] plain;
        try {
            plain = cipher(Cipher.DECRYPT_MODE).doFinal(Base64.getDecoder().decode(encrypted));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new Refused("the message does not decrypt with this account's EncodingAESKey");
        }
        int pad = plain.length == 0 ? 0 : plain[plain.length - 1] & 0xff;
        if (pad < 1 || pad > 32 || pad > plain.length - 20) {
            throw new Refused("bad padding");
        }
        int end = plain.length - pad;
        int length = ByteBuffer.wrap(plain, 16, 4).getInt();
        if (length < 0 || 20 + length > end) {
            throw new Refused("bad length");
        }
        String xml = new String(plain, 20, length, StandardCharsets.UTF_8);
        String from = new String(plain, 20 + length, end - 20 - length, StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(from.getBytes(StandardCharsets.UTF_8), appId.getBytes(StandardCharsets.UTF_8))) {
            throw new Refused("the message is for another AppId");
        }
        return xml;
    }

    private Cipher cipher(int mode) throws GeneralSecurityException {
        // PKCS#7 to 32 bytes is done by hand: the JDK's PKCS5Padding pads to the 16-byte AES block
        Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(Arrays.copyOfRange(key, 0, 16)));
        return cipher;
    }

    /** A message that cannot be the platform's: bad signature, bad key, another AppId. */
    public static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }
}
