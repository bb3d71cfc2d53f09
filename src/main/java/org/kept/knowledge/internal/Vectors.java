package org.kept.knowledge.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/** A vector as text for a portable column (base64 of little-endian float32), so H2 and PostgreSQL store it alike. */
final class Vectors {

    private Vectors() {
    }

    static String encode(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) {
            b.putFloat(x);
        }
        return Base64.getEncoder().encodeToString(b.array());
    }

    static float[] decode(String text) {
        ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(text)).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[b.remaining() / 4];
        for (int i = 0; i < v.length; i++) {
            v[i] = b.getFloat();
        }
        return v;
    }
}
