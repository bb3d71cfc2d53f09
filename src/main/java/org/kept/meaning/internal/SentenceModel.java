package org.kept.meaning.internal;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.kept.meaning.TextMeaning;
import org.springframework.stereotype.Component;

/**
 * bge-small-zh v1.5 (int8, 512 dimensions) running in process on ONNX Runtime: no network, no service to operate.
 * The model is loaded once per JVM, on first use, and shared by every caller (tests included), because each copy
 * costs memory and most of a second to load.
 */
@Component
public class SentenceModel implements TextMeaning {

    public static final int DIMENSIONS = 512;
    /** The model reads at most 512 tokens; titles and the opening of a body carry an article's meaning. */
    static final int MAX_CHARS = 400;

    private static final class Holder {
        private static final ExecutorService POOL = Executors.newFixedThreadPool(
                Math.max(1, Runtime.getRuntime().availableProcessors()), r -> {
                    Thread t = new Thread(r, "sentence-model");
                    t.setDaemon(true);
                    return t;
                });
        static final QuietBgeModel MODEL = new QuietBgeModel(POOL);
    }

    /** The shared model, for code outside Spring (tests, benchmarks). */
    public static SentenceModel shared() {
        return SHARED;
    }

    private static final SentenceModel SHARED = new SentenceModel();

    @Override
    public float[] embed(String text) {
        return unit(Holder.MODEL.embed(clip(text)).content());
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        List<TextSegment> segments = texts.stream().map(t -> TextSegment.from(clip(t))).toList();
        List<float[]> out = new ArrayList<>(texts.size());
        for (Embedding e : Holder.MODEL.embedAll(segments).content()) {
            out.add(unit(e));
        }
        return out;
    }

    private static String clip(String text) {
        String t = text == null || text.isBlank() ? "。" : text.strip();
        return t.length() > MAX_CHARS ? t.substring(0, MAX_CHARS) : t;
    }

    /** Scales the embedding's own array to unit length: it was made for this call alone, a copy would be garbage. */
    private static float[] unit(Embedding e) {
        float[] v = e.vector();
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float scale = norm == 0 ? 1f : (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < v.length; i++) {
            v[i] *= scale;
        }
        return v;
    }
}
