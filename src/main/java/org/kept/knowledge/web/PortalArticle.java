package org.kept.knowledge.web;

import java.util.List;
import org.kept.identity.CurrentUser;
import org.kept.identity.Permission;
import org.kept.knowledge.ArticleVersion;
import org.kept.knowledge.ArticleView;

/**
 * An article as a customer receives it over the API: what the portal's help page shows (title and body), never the
 * centre's workings (owner, change requests, review dates, editors and their reasons).
 */
record PortalArticle(long id, String title, String html) {

    /** Whether the caller gets the portal's shape: a customer, not staff who also read the help pages. */
    static boolean isFor(CurrentUser me) {
        return me.can(Permission.PORTAL) && !me.can(Permission.TICKET_READ);
    }

    static PortalArticle of(ArticleView a, String html) {
        return new PortalArticle(a.id(), a.title(), html);
    }

    /** A public version's text. */
    record Version(long articleId, int version, String title, String body) {

        static Version of(ArticleVersion v) {
            return new Version(v.articleId(), v.version(), v.title(), v.body());
        }
    }

    /** A search hit as the help page lists it. */
    record Hit(long id, String title, String snippet, List<String> highlights) {
    }
}
