package org.kept.knowledge.internal;

import org.commonmark.node.Node;
import java.util.List;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.text.TextContentRenderer;

/**
 * Article bodies are Markdown written by staff and shown to customers: raw HTML is escaped (never passed through) and
 * link targets are sanitised (no {@code javascript:} or {@code data:}), so a script in an article stays text.
 */
final class Markdown {

    private static final Parser PARSER = Parser.builder().build();
    /** commonmark's default list also lets {@code data:} through (a whole HTML or SVG document in a link); ours does not. */
    private static final HtmlRenderer HTML = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true)
            .urlSanitizer(new DefaultUrlSanitizer(List.of("http", "https", "mailto"))).build();
    private static final TextContentRenderer TEXT = TextContentRenderer.builder().build();

    private Markdown() {
    }

    static String html(String markdown) {
        return HTML.render(PARSER.parse(markdown == null ? "" : markdown));
    }

    /** The words without the markup, for the index and snippets. */
    static String text(String markdown) {
        Node doc = PARSER.parse(markdown == null ? "" : markdown);
        return TEXT.render(doc);
    }
}
