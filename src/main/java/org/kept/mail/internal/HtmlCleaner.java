package org.kept.mail.internal;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Safelist;
import org.springframework.stereotype.Component;

/**
 * Sanitizes a mail's HTML with jsoup's Safelist: no scripts, styles, forms or event handlers. Remote images are not
 * loaded until the agent asks (a remote image tells the sender the mail was read): their address moves to
 * {@code data-remote-src}; inline images ({@code cid:}) stay.
 */
@Component
class HtmlCleaner {

    private static final Safelist SAFE = Safelist.relaxed()
            .addProtocols("img", "src", "cid")
            .addAttributes("img", "data-remote-src")
            .removeProtocols("a", "href", "ftp", "mailto");

    String clean(String html) {
        String safe = Jsoup.clean(html, "", SAFE, new Document.OutputSettings().prettyPrint(false));
        Document doc = Jsoup.parseBodyFragment(safe);
        for (Element img : doc.select("img[src]")) {
            String src = img.attr("src");
            if (src.startsWith("http:") || src.startsWith("https:") || src.startsWith("//")) {
                img.removeAttr("src");
                img.attr("data-remote-src", src);
            }
        }
        doc.outputSettings().prettyPrint(false);
        return doc.body().html();
    }

    static String toText(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        Document doc = Jsoup.parse(html);
        doc.select("br").append("\\n");
        doc.select("p, div, blockquote").prepend("\\n");
        return doc.text().replace("\\n", "\n").strip();
    }
}
