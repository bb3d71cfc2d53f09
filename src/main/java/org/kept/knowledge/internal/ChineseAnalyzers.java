package org.kept.knowledge.internal;

import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;

/**
 * Two ways to cut Chinese: the SmartChineseAnalyzer's words (退款, 安装) and overlapping bigrams for the names the
 * segmenter splits wrongly (brand and product names, 畅享套餐). Both keep Latin words and numbers whole and lower-cased,
 * so 订单号 12345, iPhone 15 and 5G match as typed.
 */
final class ChineseAnalyzers {

    /** Filler of spoken and written questions: it matches everything, so it only adds noise to the word ranking. */
    static final CharArraySet FILLER = new CharArraySet(java.util.List.of(
            "喂", "您好", "你好", "请问", "我", "我们", "你", "你们", "您", "他", "她", "的", "了", "吗", "呢", "啊", "吧", "呀",
            "嗯", "哦", "这", "那", "这个", "那个", "就", "都", "还", "是", "在", "有", "和", "也", "要", "想", "一下", "怎么",
            "怎么办", "什么", "能", "可以", "不", "没", "没有", "一个", "个", "给", "把", "被", "到", "上", "下", "说", "让",
            "帮", "帮忙", "麻烦", "现在", "已经", "然后", "就是", "但是", "还是", "一直", "里", "对", "又", "呃", "那么",
            "这样", "这儿", "那儿", "咋", "啥", "吗", "么", "得", "着", "过", "会", "去", "来", "跟", "及", "或", "与"), false);

    static final Analyzer WORDS = new SmartChineseAnalyzer(FILLER);
    static final Analyzer BIGRAMS = new CJKAnalyzer(CharArraySet.EMPTY_SET);

    private ChineseAnalyzers() {
    }

    /** The analyzer for indexing: bigrams for the {@code *_bi} fields, words for the rest. */
    static Analyzer perField() {
        return new PerFieldAnalyzerWrapper(WORDS, Map.of(
                SearchIndex.TITLE_BI, BIGRAMS, SearchIndex.TAGS_BI, BIGRAMS));
    }
}
