package org.kept.meaning;

import java.util.List;

/**
 * The in-process Chinese sentence model (bge-small-zh), for any module that needs "do these two texts mean the same"
 * (e.g. matching a repeat contact to an open ticket) without depending on Lucene. Vectors are unit length.
 */
public interface TextMeaning {

    float[] embed(String text);

    List<float[]> embedAll(List<String> texts);

    /** Cosine similarity of two unit vectors, from -1 to 1. */
    default double similarity(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }

    default double similarity(String a, String b) {
        return similarity(embed(a), embed(b));
    }
}
