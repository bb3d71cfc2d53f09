package org.kept.knowledge.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * The Lucene index of current article versions: Chinese words and bigrams per field, filters, and the stored sentence
 * vector in an HNSW graph. Thread-safe; writes become visible on {@link #refresh()}.
 */
final class SearchIndex implements AutoCloseable {

    static final String ID = "id";
    static final String TITLE = "title";
    static final String TAGS = "tags";
    static final String BODY = "body";
    static final String TITLE_BI = "title_bi";
    static final String TAGS_BI = "tags_bi";
    static final String BODY_BI = "body_bi";
    static final String AUDIENCE = "audience";
    static final String CATEGORY = "category";
    static final String REVIEW_BY = "review_by";
    static final String TOUCHED = "touched";
    static final String VECTOR = "vector";
    static final String VERSION = "version";
    /** Articles without a review date never go stale by date. */
    static final long NO_REVIEW = Long.MAX_VALUE;

    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Map<Long, Integer> versions = new ConcurrentHashMap<>();
    private final Set<Long> touched = ConcurrentHashMap.newKeySet();

    SearchIndex() {
        try {
            IndexWriterConfig config = new IndexWriterConfig(ChineseAnalyzers.perField());
            // a smaller build beam than the default 100: the graph builds about twice as fast, recall stays high
            // for the top 50 the fusion reads
            config.setCodec(new Lucene912Codec() {
                @Override
                public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                    return new Lucene99HnswVectorsFormat(16, 50);
                }
            });
            config.setRAMBufferSizeMB(256);
            writer = new IndexWriter(new ByteBuffersDirectory(), config);
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void put(IndexedArticle a) {
        Document doc = new Document();
        doc.add(new StringField(ID, Long.toString(a.id()), Field.Store.YES));
        doc.add(new StoredField(VERSION, a.version()));
        doc.add(new TextField(TITLE, a.title(), Field.Store.YES));
        doc.add(new TextField(TITLE_BI, a.title(), Field.Store.NO));
        String tags = String.join(" ", a.tags());
        doc.add(new TextField(TAGS, tags, Field.Store.NO));
        doc.add(new TextField(TAGS_BI, tags, Field.Store.NO));
        doc.add(new TextField(BODY, a.text(), Field.Store.YES));
        doc.add(new TextField(BODY_BI, a.text(), Field.Store.NO));
        doc.add(new StringField(AUDIENCE, a.audience().name(), Field.Store.YES));
        for (String c : a.categories()) {
            doc.add(new StringField(CATEGORY, c, Field.Store.NO));
        }
        long review = a.reviewBy() == null ? NO_REVIEW : a.reviewBy().toEpochDay();
        doc.add(new LongPoint(REVIEW_BY, review));
        doc.add(new StoredField(REVIEW_BY, review));
        doc.add(new StringField(TOUCHED, Boolean.toString(a.touched()), Field.Store.YES));
        doc.add(new KnnFloatVectorField(VECTOR, a.vector(), VectorSimilarityFunction.DOT_PRODUCT));
        try {
            writer.updateDocument(new Term(ID, Long.toString(a.id())), doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        versions.put(a.id(), a.version());
        if (a.touched()) {
            touched.add(a.id());
        } else {
            touched.remove(a.id());
        }
    }

    /** Whether the index holds the article as touched by an open change request. */
    boolean touched(long id) {
        return touched.contains(id);
    }

    /** The version the index holds of an article, or 0. */
    int versionOf(long id) {
        return versions.getOrDefault(id, 0);
    }

    int size() {
        return versions.size();
    }

    void clear() {
        try {
            writer.deleteAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        versions.clear();
        touched.clear();
    }

    void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Merges segments, for a freshly built index: fewer segments, fewer graphs to search. */
    void optimise() {
        try {
            writer.forceMerge(1);
            writer.commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        refresh();
    }

    /** One ranked document with the stored fields a result needs. */
    record Ranked(long id, float score, String title, String body, String audience, int version, long reviewBy,
                  boolean touched) {
    }

    List<Ranked> words(Query query, int n) {
        return run(query, n);
    }

    List<Ranked> meaning(float[] vector, Query filter, int n) {
        return run(new KnnFloatVectorQuery(VECTOR, vector, n, filter), n);
    }

    private List<Ranked> run(Query query, int n) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                TopDocs top = searcher.search(query, n);
                List<Ranked> out = new ArrayList<>(top.scoreDocs.length);
                var stored = searcher.storedFields();
                for (ScoreDoc sd : top.scoreDocs) {
                    Document d = stored.document(sd.doc);
                    out.add(new Ranked(Long.parseLong(d.get(ID)), sd.score, d.get(TITLE), d.get(BODY), d.get(AUDIENCE),
                            d.getField(VERSION).numericValue().intValue(), d.getField(REVIEW_BY).numericValue().longValue(),
                            Boolean.parseBoolean(d.get(TOUCHED))));
                }
                return out;
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        searchers.close();
        writer.close();
    }
}
