package org.kept.shared;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Whether a request wants a page fragment (an htmx swap) or the whole page (first load, reload, history restore). */
public final class Htmx {

    private Htmx() {
    }

    public static boolean wantsFragment(HttpServletRequest request, HttpServletResponse response) {
        // the same URL answers with a fragment or a page, so caches must keep them apart
        response.addHeader("Vary", "HX-Request");
        return "true".equals(request.getHeader("HX-Request"))
                && !"true".equals(request.getHeader("HX-History-Restore-Request"));
    }
}
