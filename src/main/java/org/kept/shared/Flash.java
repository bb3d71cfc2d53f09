package org.kept.shared;

import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What a page says after a redirect: one key for "done", one for "refused", shown by {@code fragments/layout :: flash}
 * on every page, so no page invents its own.
 */
public final class Flash {

    public static final String NOTICE = "notice";
    public static final String ALERT = "alert";

    private Flash() {
    }

    public static void notice(RedirectAttributes redirect, String sentence) {
        redirect.addFlashAttribute(NOTICE, sentence);
    }

    public static void alert(RedirectAttributes redirect, String sentence) {
        redirect.addFlashAttribute(ALERT, sentence);
    }
}
