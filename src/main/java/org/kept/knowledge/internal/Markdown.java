package org.kept.knowledge.internal;

import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.text.TextContentRenderer;

/**
 * Article bodies are Markdown written by staff and shown to customers: raw HTML is escaped (never passed through) and
 * link targets are sanitised (no {@code javascript:} or {@code data:}), so a script in an article stays text.
 */
final class Markdown {

    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer HTML = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();
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
