package org.kept.knowledge.internal;

import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

/**
 * An article's Markdown as a customer reads it in a written reply: one line per paragraph line, list items on their
 * own lines with "- " or "1. ", nested lists indented, links with their address. The search snippet is a passage
 * cut for ranking; this is the whole answer, so no line of it (such as "after 7 working days, contact us") is lost.
 */
final class PlainAnswer {

    private static final Parser PARSER = Parser.builder().build();

    private PlainAnswer() {
    }

    static String of(String markdown) {
        StringBuilder out = new StringBuilder();
        children(PARSER.parse(markdown == null ? "" : markdown), "", out);
        return out.toString().strip();
    }

    private static void children(Node parent, String indent, StringBuilder out) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            block(n, indent, out);
        }
    }

    private static void block(Node n, String indent, StringBuilder out) {
        if (n instanceof ListBlock list) {
            int number = list instanceof OrderedList o && o.getMarkerStartNumber() != null ? o.getMarkerStartNumber() : 1;
            for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
                String marker = list instanceof BulletList ? "- " : number++ + ". ";
                StringBuilder inner = new StringBuilder();
                children(item, indent + "  ", inner);
                // the item's own first line carries the marker; its nested blocks are already indented
                String text = inner.toString();
                out.append(indent).append(marker).append(text.startsWith(indent + "  ") ? text.substring(indent.length() + 2) : text);
            }
        } else if (n instanceof Paragraph || n instanceof Heading) {
            // a line that continues a list item is written flush with its marker, as the author wrote it
            String continued = n.getParent() instanceof ListItem && indent.length() >= 2 ? indent.substring(2) : indent;
            out.append(indent);
            inline(n, continued, out);
            out.append('\n');
        } else if (n instanceof FencedCodeBlock code) {
            out.append(code.getLiteral());
        } else if (n instanceof IndentedCodeBlock code) {
            out.append(code.getLiteral());
        } else if (n instanceof HtmlBlock html) {
            out.append(html.getLiteral()).append('\n');
        } else if (!(n instanceof ThematicBreak)) {
            children(n, indent, out);
        }
    }

    private static void inline(Node parent, String indent, StringBuilder out) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof Text t) {
                out.append(t.getLiteral());
            } else if (n instanceof Code c) {
                out.append(c.getLiteral());
            } else if (n instanceof HtmlInline h) {
                out.append(h.getLiteral());
            } else if (n instanceof SoftLineBreak || n instanceof HardLineBreak) {
                out.append('\n').append(indent);
            } else if (n instanceof Link link) {
                int before = out.length();
                inline(link, indent, out);
                String label = out.substring(before);
                if (!link.getDestination().isBlank() && !label.equals(link.getDestination())) {
                    out.append(" (").append(link.getDestination()).append(')');
                }
            } else {
                inline(n, indent, out);
            }
        }
    }
}
