package org.kept.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.kept.demo.DemoKnowledge;
import org.kept.knowledge.Audience;
import org.kept.knowledge.internal.IndexedArticle;
import org.kept.knowledge.internal.Ranker;
import org.kept.knowledge.internal.SearchIndex;
import org.kept.meaning.internal.SentenceModel;

/**
 * Knowledge search at scale, in process (no HTTP): 100,000 synthetic articles made from the 104 real ones with
 * varied brands, products, places, numbers and dates; indexing them with their vectors already computed (as a
 * rebuild does from the stored vectors), then searches with the query's embedding included. Not a test: surefire skips
 * {@code *Benchmark*}. Bounded: the sizes are arguments ({@code articles embedSample queries}).
 *
 * <p>The stored vectors: {@code embedSample} distinct variant texts are really embedded (that is the embedding-rate
 * figure); each of the 100,000 articles takes the vector of its variant plus a little noise, re-normalised, so the HNSW
 * graph is built over 100,000 distinct vectors with the neighbourhoods real text produces.
 */
public final class KnowledgeSearchBenchmark {

    static final String[] BRANDS = {"畅享", "星耀", "iPhone 15", "Mate 60", "小米 14", "格力", "美的", "海尔", "荣耀", "5G 畅游",
        "云宽带", "极光", "青春卡", "全家享", "Pro Max", "OPPO Find", "vivo X", "TCL", "奥克斯", "京东到家"};
    static final String[] PLACES = {"北京", "上海", "广州", "深圳", "杭州", "成都", "武汉", "西安", "南京", "重庆", "苏州", "天津"};
    static final String[] CHANNELS = {"App", "小程序", "门店", "官网", "热线"};

    private KnowledgeSearchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int articles = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int sample = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        int queries = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
        Random random = new Random(20261123);
        List<DemoKnowledge.Line> base = new ArrayList<>(DemoKnowledge.read("/knowledge/demo-articles.txt"));
        base.addAll(DemoKnowledge.read("/knowledge/more-articles.txt"));

        // 1. the embedding rate, on real variant texts (batched, all cores)
        SentenceModel model = SentenceModel.shared();
        long loadStart = System.nanoTime();
        model.embed("预热");
        double loadMs = (System.nanoTime() - loadStart) / 1e6;
        List<String> variantTexts = new ArrayList<>(sample);
        List<String[]> variants = new ArrayList<>(sample);
        for (int i = 0; i < sample; i++) {
            DemoKnowledge.Line l = base.get(i % base.size());
            String brand = BRANDS[random.nextInt(BRANDS.length)];
            String place = PLACES[random.nextInt(PLACES.length)];
            String title = brand + " " + l.title() + "（" + place + "）";
            String body = l.body() + "\n" + place + "地区自 2026 年 " + (1 + random.nextInt(12)) + " 月起通过" + CHANNELS[random.nextInt(CHANNELS.length)]
                    + "办理，" + brand + " 用户咨询编号 " + (100000 + random.nextInt(900000)) + "。";
            variants.add(new String[] {title, body, l.category(), String.join(",", l.tags()), l.audience().name()});
            variantTexts.add(title + "。" + String.join("，", l.tags()) + "。" + body);
        }
        long embedStart = System.nanoTime();
        List<float[]> vectors = model.embedAll(variantTexts);
        double embedSeconds = (System.nanoTime() - embedStart) / 1e9;
        System.out.printf("model load %.0f ms; embedded %d article texts in %.1f s: %.0f articles/s%n", loadMs, sample, embedSeconds,
                sample / embedSeconds);

        // 2. indexing N articles whose vectors are stored
        List<IndexedArticle> docs = new ArrayList<>(articles);
        for (int i = 0; i < articles; i++) {
            int v = i % sample;
            String[] t = variants.get(v);
            String title = i < sample ? t[0] : t[0] + " 第" + (i / sample) + "版";
            docs.add(new IndexedArticle(i + 1, 1, title, t[1], List.of(t[2]), List.of(t[3].split(",")), Audience.valueOf(t[4]),
                    null, false, args.length > 3 && args[3].equals("novectors") ? null : jitter(vectors.get(v), random)));
        }
        SearchIndex index = new SearchIndex();
        long indexCpuStart = processCpuNanos();
        long indexStart = System.nanoTime();
        index.putAll(docs);
        index.refresh();
        double added = (System.nanoTime() - indexStart) / 1e9;
        index.optimise();
        double indexSeconds = (System.nanoTime() - indexStart) / 1e9;
        double indexCpu = (processCpuNanos() - indexCpuStart) / 1e9;
        System.out.printf("indexed %d articles with stored vectors in %.1f s (added %.1f s, committed and opened %.1f s)%n",
                articles, indexSeconds, added, indexSeconds - added);
        System.out.printf("  process CPU time for it: %.1f s (%.1f cores busy on average; load average before: %s)%n", indexCpu,
                indexCpu / indexSeconds, loadAverage());
        docs = null;

        // 3. searches, query embedding included: the labelled queries and variants of them with a brand or a place
        List<String> asked = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("src/test/resources/knowledge/queries.txt"), StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                asked.add(line.split("\\|", 3)[2].strip());
            }
        }
        long[] embedNanos = {0};
        org.kept.meaning.TextMeaning timed = new org.kept.meaning.TextMeaning() {
            @Override
            public float[] embed(String text) {
                long t0 = System.nanoTime();
                float[] v = model.embed(text);
                embedNanos[0] += System.nanoTime() - t0;
                return v;
            }

            @Override
            public List<float[]> embedAll(List<String> texts) {
                return model.embedAll(texts);
            }
        };
        Ranker ranker = new Ranker(index, timed);
        Ranker.Filter all = new Ranker.Filter(EnumSet.allOf(Audience.class), null, false, 0);
        List<List<String>> synonyms = List.of(List.of("丢了", "遗落", "丢失"), List.of("退款", "退钱"));
        // warmed with the measured mix until the JIT has compiled the search: a centre's server runs for hours, and
        // with 300 warm-up searches C2 was still compiling (and recompiling after deoptimisations) a core's worth
        // during the measured ones; the compile time that remains is printed with the figures
        int warmUp = Integer.getInteger("kept.bench.warmup", 8_000);
        Random warmRandom = new Random(7);
        for (int i = 0; i < warmUp; i++) {
            ranker.search(mixed(asked, i, warmRandom), all, synonyms, 10);
        }
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        long jitStart = jit.getTotalCompilationTime();
        Histogram latency = new Histogram(3_600_000_000L, 3);
        Histogram cpu = new Histogram(3_600_000_000L, 3);
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        Histogram shortOnes = new Histogram(3_600_000_000L, 3);
        Histogram longOnes = new Histogram(3_600_000_000L, 3);
        embedNanos[0] = 0;
        long allocStart = allocatedBytes();
        long runStart = System.nanoTime();
        for (int i = 0; i < queries; i++) {
            String q = mixed(asked, i, random);
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            ranker.search(q, all, synonyms, 10);
            long micros = (System.nanoTime() - t0) / 1_000;
            cpu.recordValue(Math.max(1, (threads.getCurrentThreadCpuTime() - c0) / 1_000));
            latency.recordValue(micros);
            (q.replaceAll("\\s+", "").length() >= 20 ? longOnes : shortOnes).recordValue(micros);
        }
        double runSeconds = (System.nanoTime() - runStart) / 1e9;
        long jitMillis = jit.getTotalCompilationTime() - jitStart;
        long allocPerSearch = (allocatedBytes() - allocStart) / queries;
        System.out.printf("  of which query embedding: %.0f%% of the time (mean %.2f ms)%n", 100 * embedNanos[0] / 1e9 / runSeconds,
                embedNanos[0] / 1e6 / queries);
        // the same searches with the query vectors computed beforehand: what the index and the fusion cost alone
        java.util.Map<String, float[]> cache = new java.util.HashMap<>();
        for (String q : asked) {
            cache.put(q, model.embed(q));
        }
        org.kept.meaning.TextMeaning cached = new org.kept.meaning.TextMeaning() {
            @Override
            public float[] embed(String text) {
                return cache.computeIfAbsent(text, model::embed);
            }

            @Override
            public List<float[]> embedAll(List<String> texts) {
                return texts.stream().map(this::embed).toList();
            }
        };
        Ranker indexOnly = new Ranker(index, cached);
        Histogram withoutModel = new Histogram(3_600_000_000L, 3);
        for (String q : asked) {
            indexOnly.search(q, all, synonyms, 10);
        }
        long indexAllocStart = allocatedBytes();
        for (int i = 0; i < queries; i++) {
            String q = asked.get(i % asked.size());
            long t0 = System.nanoTime();
            indexOnly.search(q, all, synonyms, 10);
            withoutModel.recordValue((System.nanoTime() - t0) / 1_000);
        }
        long indexAllocPerSearch = (allocatedBytes() - indexAllocStart) / queries;
        System.out.printf("index and fusion alone (query vector precomputed): p50 %.2f ms, p99 %.2f ms; allocated %,d bytes per search%n",
                withoutModel.getValueAtPercentile(50) / 1e3, withoutModel.getValueAtPercentile(99) / 1e3, indexAllocPerSearch);
        Histogram embedOnly = new Histogram(3_600_000_000L, 3);
        long embedAllocStart = allocatedBytes();
        for (int i = 0; i < Math.min(queries, 500); i++) {
            long t0 = System.nanoTime();
            model.embed(asked.get(i % asked.size()));
            embedOnly.recordValue((System.nanoTime() - t0) / 1_000);
        }
        long embedAllocPerQuery = (allocatedBytes() - embedAllocStart) / Math.min(queries, 500);
        System.out.printf("query embedding alone: p50 %.2f ms, p99 %.2f ms; allocated %,d bytes per embedding%n",
                embedOnly.getValueAtPercentile(50) / 1e3, embedOnly.getValueAtPercentile(99) / 1e3, embedAllocPerQuery);
        System.out.printf("searched %d queries in %.1f s, one at a time: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n", queries,
                runSeconds, latency.getValueAtPercentile(50) / 1e3, latency.getValueAtPercentile(90) / 1e3,
                latency.getValueAtPercentile(99) / 1e3, latency.getMaxValue() / 1e3);
        System.out.printf("  after %d warm-up searches; JIT compilation during the measured searches: %d ms%n", warmUp, jitMillis);
        System.out.printf("  CPU time per search (the searching thread; query embedding runs on it): p50 %.2f ms, p99 %.2f ms "
                + "(load average after: %s)%n", cpu.getValueAtPercentile(50) / 1e3, cpu.getValueAtPercentile(99) / 1e3, loadAverage());
        System.out.printf("  short queries (%d): p50 %.2f ms, p99 %.2f ms; long sentences (%d): p50 %.2f ms, p99 %.2f ms%n",
                shortOnes.getTotalCount(), shortOnes.getValueAtPercentile(50) / 1e3, shortOnes.getValueAtPercentile(99) / 1e3,
                longOnes.getTotalCount(), longOnes.getValueAtPercentile(50) / 1e3, longOnes.getValueAtPercentile(99) / 1e3);
        System.out.printf("  allocated per search (every thread: the caller, the word worker, the model's pool): %,d bytes%n",
                allocPerSearch);
        Runtime rt = Runtime.getRuntime();
        System.out.printf("heap in use after the run: %d MB%n", (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024));
        index.close();
        System.exit(0);
    }

    /** The i-th query of the measured mix: a labelled question, every third with a brand before or a place after it. */
    private static String mixed(List<String> asked, int i, Random random) {
        String q = asked.get(i % asked.size());
        if (i % 3 == 1) {
            return BRANDS[random.nextInt(BRANDS.length)] + " " + q;
        }
        if (i % 3 == 2) {
            return q + " " + PLACES[random.nextInt(PLACES.length)];
        }
        return q;
    }

    /**
     * Bytes allocated so far by every live thread of the JVM: a search allocates on the calling thread and on the word
     * worker, and the figure does not depend on how loaded the machine is.
     */
    static long allocatedBytes() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long a : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            sum += Math.max(0, a);
        }
        return sum;
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    static float[] jitter(float[] v, Random random) {
        float[] out = new float[v.length];
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] + (float) (random.nextGaussian() * 0.01);
            norm += out[i] * out[i];
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < v.length; i++) {
            out[i] *= scale;
        }
        return out;
    }
}
