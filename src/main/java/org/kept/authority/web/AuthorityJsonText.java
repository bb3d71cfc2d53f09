package org.kept.authority.web;

/** The request as the idempotency fingerprint reads it. */
final class AuthorityJsonText {

    private AuthorityJsonText() {
    }

    static String of(AuthorityApi.NewGrant g) {
        return String.join("\u001f", String.valueOf(g.action()), String.valueOf(g.amount()), String.valueOf(g.currency()),
                String.valueOf(g.reason()), String.valueOf(g.evidence()));
    }
}
