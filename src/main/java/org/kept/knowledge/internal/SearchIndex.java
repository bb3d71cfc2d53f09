package org.kept.knowledge.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexReaderContext;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.MMapDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.IOUtils;

/**
 * The Lucene index of current article versions: Chinese words per field and bigrams of the title and tags (where the
 * product and brand names live; body bigrams cost a third of the indexing and changed no ranking), filters, and the stored sentence
 * vector in an HNSW graph. Thread-safe; writes become visible on {@link #refresh()}.
 */
public final class SearchIndex implements AutoCloseable {

    static final String ID = "id";
    static final String TITLE = "title";
    static final String TAGS = "tags";
    static final String BODY = "body";
    static final String TITLE_BI = "title_bi";
    static final String TAGS_BI = "tags_bi";
    static final String AUDIENCE = "audience";
    static final String CATEGORY = "category";
    static final String REVIEW_BY = "review_by";
    static final String TOUCHED = "touched";
    static final String VECTOR = "vector";
    static final String VERSION = "version";
    static final String ID_DV = "id_dv";
    /** Articles without a review date never go stale by date. */
    static final long NO_REVIEW = Long.MAX_VALUE;

    /**
     * HNSW over int8-quantised vectors: a quarter of the memory, and the graph is built and searched on the small
     * vectors, about twice as fast; a smaller build beam than the default 100 halves the build again, recall stays
     * high for the 50 neighbours the fusion reads.
     */
    /** BM25 as Lucene scores it, without a length table and explanation built per term of each query. */
    private static final SharedNormsBM25 SIMILARITY = new SharedNormsBM25();

    private static final KnnVectorsFormat VECTORS = new Lucene99HnswScalarQuantizedVectorsFormat(16, 50);

    /** Where the index lives: a scratch folder, rebuilt from the database at start, deleted on close. */
    private final Path folder;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Map<Long, Integer> versions = new ConcurrentHashMap<>();
    private final Set<Long> touched = ConcurrentHashMap.newKeySet();
    /**
     * What each article's result shows, kept beside the index: reading a winner's stored fields decompressed a whole
     * stored-fields block per hit (a fifth of a search's CPU at 100,000 articles); the title and body are not stored
     * in Lucene a second time.
     */
    private final Map<Long, Shown> shown = new ConcurrentHashMap<>();

    public SearchIndex() {
        try {
            IndexWriterConfig config = new IndexWriterConfig(ChineseAnalyzers.perField());
            config.setCodec(new Lucene912Codec() {
                @Override
                public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                    return VECTORS;
                }
            });
            // a rebuild fills one in-memory segment per indexing thread and flushes once at the end: no graph is built
            // twice by merges while the bulk load runs; later single-article updates are merged by the tiered policy
            config.setRAMBufferSizeMB(Math.max(16, Math.min(1024, Runtime.getRuntime().maxMemory() / (4L << 20))));
            folder = Files.createTempDirectory("kept-knowledge-index");
            writer = new IndexWriter(new Scratch(new MMapDirectory(folder)), config);
            searchers = new SearcherManager(writer, new org.apache.lucene.search.SearcherFactory() {
                @Override
                public IndexSearcher newSearcher(org.apache.lucene.index.IndexReader reader, org.apache.lucene.index.IndexReader previous) {
                    IndexSearcher searcher = new IndexSearcher(reader);
                    searcher.setSimilarity(SIMILARITY);
                    return searcher;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void put(IndexedArticle a) {
        Document doc = new Document();
        doc.add(new StringField(ID, Long.toString(a.id()), Field.Store.NO));
        doc.add(new NumericDocValuesField(ID_DV, a.id()));
        doc.add(new StoredField(VERSION, a.version()));
        doc.add(new TextField(TITLE, a.title(), Field.Store.NO));
        doc.add(new TextField(TITLE_BI, a.title(), Field.Store.NO));
        String tags = String.join(" ", a.tags());
        doc.add(new TextField(TAGS, tags, Field.Store.NO));
        doc.add(new TextField(TAGS_BI, tags, Field.Store.NO));
        doc.add(new TextField(BODY, a.text(), Field.Store.NO));
        doc.add(new StringField(AUDIENCE, a.audience().name(), Field.Store.YES));
        for (String c : a.categories()) {
            doc.add(new StringField(CATEGORY, c, Field.Store.NO));
        }
        long review = a.reviewBy() == null ? NO_REVIEW : a.reviewBy().toEpochDay();
        doc.add(new LongPoint(REVIEW_BY, review));
        doc.add(new StoredField(REVIEW_BY, review));
        doc.add(new StringField(TOUCHED, Boolean.toString(a.touched()), Field.Store.YES));
        if (a.vector() != null) {
            doc.add(new KnnFloatVectorField(VECTOR, a.vector(), VectorSimilarityFunction.DOT_PRODUCT));
        }
        try {
            writer.updateDocument(new Term(ID, Long.toString(a.id())), doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        versions.put(a.id(), a.version());
        shown.put(a.id(), new Shown(a.title(), a.text(), a.audience().name(), a.version(), review, a.touched()));
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

    /** Adds many articles on every core: analysis and graph insertion run in parallel inside one IndexWriter. */
    public void putAll(List<IndexedArticle> articles) {
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), articles.size() / 100 + 1));
        if (threads == 1) {
            articles.forEach(this::put);
            return;
        }
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        java.util.concurrent.atomic.AtomicReference<RuntimeException> failure = new java.util.concurrent.atomic.AtomicReference<>();
        for (int t = 0; t < threads; t++) {
            workers.add(start(() -> {
                try {
                    for (int i = next.getAndIncrement(); i < articles.size(); i = next.getAndIncrement()) {
                        put(articles.get(i));
                    }
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        for (Thread w : workers) {
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    /** The version the index holds of an article, or 0. */
    int versionOf(long id) {
        return versions.getOrDefault(id, 0);
    }

    private static Thread start(Runnable work) {
        Thread t = new Thread(work, "knowledge-index");
        t.setDaemon(true);
        t.start();
        return t;
    }

    public int size() {
        return versions.size();
    }

    void clear() {
        try {
            writer.deleteAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        versions.clear();
        shown.clear();
        touched.clear();
    }

    public void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Ends a bulk load: flushes and opens the new segments. No forced merge: merging rebuilds the vector graphs (a
     * fifth of the time of a 100,000-article load) and a search over one segment per indexing thread costs about the same.
     */
    public void optimise() {
        try {
            writer.commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        refresh();
    }

    /** One ranked document: the article id and the score; its stored fields are read only if it makes the page. */
    record Ranked(int doc, long id, float score) {
    }

    /** What a result shows, read from the stored fields of the few documents that make the page. */
    record Shown(String title, String body, String audience, int version, long reviewBy, boolean touched) {
    }

    /**
     * One consistent view of the index for the duration of a search: document numbers from the rankings stay valid
     * for reading the winners' stored fields. Release it with {@link #close()}.
     */
    final class View implements AutoCloseable {

        private final IndexSearcher searcher;

        private View(IndexSearcher searcher) {
            this.searcher = searcher;
        }

        /**
         * Looks the tokens up in one field: one terms enumerator per segment for all of them, in term order, rather
         * than a fresh one per token and segment as each term query would build (the bulk of a search's garbage).
         * Tokens the field does not hold are left out: they would match nothing.
         */
        Map<String, TermStates> lookUp(String field, java.util.Collection<String> tokens) {
            try {
                java.util.TreeMap<BytesRef, String> sorted = new java.util.TreeMap<>();
                tokens.forEach(t -> sorted.put(new BytesRef(t), t));
                Map<String, TermStates> out = new java.util.HashMap<>();
                IndexReaderContext top = searcher.getTopReaderContext();
                for (LeafReaderContext leaf : top.leaves()) {
                    Terms terms = leaf.reader().terms(field);
                    if (terms == null) {
                        continue;
                    }
                    TermsEnum te = terms.iterator();
                    for (Map.Entry<BytesRef, String> t : sorted.entrySet()) {
                        if (te.seekExact(t.getKey())) {
                            out.computeIfAbsent(t.getValue(), k -> new TermStates(top))
                                    .register(te.termState(), leaf.ord, te.docFreq(), te.totalTermFreq());
                        }
                    }
                }
                return out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        List<Ranked> words(Query query, int n) {
            return run(query, n);
        }

        /** Nearest articles by meaning; {@code filter} null when nothing is filtered (no filter bitset to build). */
        List<Ranked> meaning(float[] vector, Query filter, int n) {
            return run(new KnnFloatVectorQuery(VECTOR, vector, n, filter), n);
        }

        private List<Ranked> run(Query query, int n) {
            try {
                // counting every match (Lucene counts the first thousand by default) keeps the scorer from skipping the
                // documents that can no longer make the list; a ranking needs its top n, never how many matched
                ScoreDoc[] hits = searcher.search(query, new TopScoreDocCollectorManager(n, null, n)).scoreDocs;
                long[] ids = idsOf(hits);
                List<Ranked> out = new ArrayList<>(hits.length);
                for (int i = 0; i < hits.length; i++) {
                    out.add(new Ranked(hits[i].doc, ids[i], hits[i].score));
                }
                return out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * The article ids of the hits from doc values, visited in document order with one doc-values reader per
         * segment: a reader per hit cost a few slices of the mapped file each, sixty per search.
         */
        private long[] idsOf(ScoreDoc[] hits) throws IOException {
            int[] order = new int[hits.length];
            for (int i = 0; i < order.length; i++) {
                int at = i;
                while (at > 0 && hits[order[at - 1]].doc > hits[i].doc) {
                    order[at] = order[at - 1];
                    at--;
                }
                order[at] = i;
            }
            List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
            long[] ids = new long[hits.length];
            LeafReaderContext leaf = null;
            NumericDocValues values = null;
            for (int i : order) {
                int doc = hits[i].doc;
                if (leaf == null || doc >= leaf.docBase + leaf.reader().maxDoc()) {
                    leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
                    values = leaf.reader().getNumericDocValues(ID_DV);
                }
                if (values == null || !values.advanceExact(doc - leaf.docBase)) {
                    throw new IllegalStateException("document without id " + doc);
                }
                ids[i] = values.longValue();
            }
            return ids;
        }

        /**
         * The dot product of each document's stored vector with {@code vector} (cosine: both are unit length), -1 for a
         * document without one: the documents are visited in order, one vector reader per segment.
         */
        Map<Integer, Float> similarities(java.util.Collection<Integer> docs, float[] vector) {
            try {
                List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
                int[] sorted = docs.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
                Map<Integer, Float> out = new java.util.HashMap<>(sorted.length * 2);
                LeafReaderContext leaf = null;
                FloatVectorValues values = null;
                for (int doc : sorted) {
                    if (leaf == null || doc >= leaf.docBase + leaf.reader().maxDoc()) {
                        leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
                        values = leaf.reader().getFloatVectorValues(VECTOR);
                    }
                    int target = doc - leaf.docBase;
                    float similarity = -1f;
                    if (values != null) {
                        int at = values.docID() >= target ? values.docID() : values.advance(target);
                        if (at == target) {
                            similarity = VectorSimilarityFunction.DOT_PRODUCT.compare(values.vectorValue(), vector);
                        }
                    }
                    out.put(doc, similarity);
                }
                return out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** What the article's result shows (the latest version put, which the index holds or is about to). */
        Shown shown(long id) {
            Shown s = shown.get(id);
            if (s == null) {
                throw new IllegalStateException("article not indexed " + id);
            }
            return s;
        }

        @Override
        public void close() {
            try {
                searchers.release(searcher);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    View view() {
        try {
            return new View(searchers.acquire());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            searchers.close();
            writer.close();
        } finally {
            IOUtils.rm(folder);
        }
    }

    /**
     * A memory-mapped scratch folder rather than a heap directory: a heap directory's every file slice (each term
     * lookup, each segment of each field) copied buffer lists, a few megabytes of garbage per search at 100,000
     * articles, and the young collections it caused sat in the slowest searches; mapped files also keep the index off
     * the heap. Never synced: the index is rebuilt from the database, nothing is lost if the machine stops.
     */
    private static final class Scratch extends FilterDirectory {

        Scratch(Directory in) {
            super(in);
        }

        @Override
        public void sync(java.util.Collection<String> names) {
        }

        @Override
        public void syncMetaData() {
        }
    }
}
