package org.kept.knowledge.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.FieldInvertState;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.util.SmallFloat;

/**
 * Lucene's BM25 with the same scores, bit for bit, but without its per-term garbage: {@link BM25Similarity} fills a
 * fresh 256-entry length table and builds an explanation tree for every term of every query (a long question has a
 * hundred terms over five fields). The table depends only on a field's average length, so it is kept per average
 * length until the index changes it; the idf is a plain number.
 */
final class SharedNormsBM25 extends Similarity {

    private static final float K1 = 1.2f;
    private static final float B = 0.75f;
    /** A few fields times a few index versions; emptied when full, the tables are cheap to refill. */
    private static final int MAX_TABLES = 64;
    private static final float[] LENGTH_TABLE = new float[256];

    static {
        for (int i = 0; i < 256; i++) {
            LENGTH_TABLE[i] = SmallFloat.byte4ToInt((byte) i);
        }
    }

    private final BM25Similarity lucene = new BM25Similarity(K1, B);
    private final Map<Float, float[]> tables = new ConcurrentHashMap<>();

    @Override
    public long computeNorm(FieldInvertState state) {
        return lucene.computeNorm(state);
    }

    @Override
    public SimScorer scorer(float boost, CollectionStatistics collection, TermStatistics... terms) {
        if (terms.length != 1) {
            return lucene.scorer(boost, collection, terms);
        }
        float idf = (float) Math.log(1 + (collection.docCount() - terms[0].docFreq() + 0.5D) / (terms[0].docFreq() + 0.5D));
        float avgdl = (float) (collection.sumTotalTermFreq() / (double) collection.docCount());
        return new Scorer(boost * idf, table(avgdl));
    }

    private float[] table(float avgdl) {
        float[] table = tables.get(avgdl);
        if (table == null) {
            table = new float[256];
            for (int i = 0; i < table.length; i++) {
                table[i] = 1f / (K1 * ((1 - B) + B * LENGTH_TABLE[i] / avgdl));
            }
            if (tables.size() >= MAX_TABLES) {
                tables.clear();
            }
            tables.put(avgdl, table);
        }
        return table;
    }

    /** The score of BM25Similarity's scorer, the same float operations in the same order. */
    private static final class Scorer extends SimScorer {

        private final float weight;
        private final float[] table;

        Scorer(float weight, float[] table) {
            this.weight = weight;
            this.table = table;
        }

        @Override
        public float score(float freq, long norm) {
            float normInverse = table[((byte) norm) & 0xFF];
            return weight - weight / (1f + freq * normInverse);
        }
    }

    @Override
    public String toString() {
        return "SharedNormsBM25(k1=" + K1 + ",b=" + B + ")";
    }
}
