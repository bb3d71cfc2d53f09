package org.kept.customer.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.kept.customer.PhoneNumbers;
import org.kept.shared.RarestTokens;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Customers by a fragment of the name, phone or email, answered from the postings ({@code customer_search_token}) of
 * the rarest of the query's tokens: each candidate must hold the others and then really contain the query. A reader
 * without personal-data rights is checked against the masked contact points only ({@code open_text}), so a fragment
 * of a number or address cannot confirm a hidden digit one guess at a time; a complete number or address the caller
 * gave finds its customer, as an agent taking the call needs (an exact lookup, not a fragment).
 */
@Repository
class CustomerSearch {

    /** Postings counted per token to find the rarest one; past this a token counts as common. */
    private static final int WINDOW = 5_000;
    /** The driving token and at most this many others are looked up; the substring check makes the rest exact. */
    private static final int MAX_PROBED = 6;
    /** A phone as people write it: digits with spaces, dashes, brackets, a leading +. */
    private static final Pattern PHONE_LIKE = Pattern.compile("[0-9+\\-\\s().]+");
    /** A whole email address (a masked one, w***@example.com, is a fragment). */
    private static final Pattern WHOLE_EMAIL = Pattern.compile("[^@\\s*]+@[^@\\s*]+\\.[^@\\s*]+");

    private final JdbcClient jdbc;
    private final RarestTokens rarest;

    CustomerSearch(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.rarest = new RarestTokens(jdbc, "customer_search_token", WINDOW, MAX_PROBED, clock);
    }

    /** The ids of the customers matching {@code text} (not blank), lowest first, at most {@code max}. */
    List<Long> ids(String text, boolean personalData, int max) {
        String needle = needle(text);
        // a whole number or address is a look-up for every reader (stored as E.164 and lower-cased): as a fragment,
        // a number no customer has walked the postings of its four-digit groups, which nearly every phone holds
        // (1.7 s at 200,000 customers)
        if (wholeContact(text)) {
            return jdbc.sql("select distinct customer_id from contact_point where address = ? order by customer_id")
                    .param(needle).withMaxRows(max).query(Long.class).list();
        }
        long[] tokens = needle.codePointCount(0, needle.length()) == 1
                ? new long[] {CustomerSearchIndex.character(needle.codePointAt(0))}
                : CustomerSearchIndex.ofQuery(needle);
        // one token needs no counting to be chosen (a two-character name: 20 ms of counting a common one at 100,000)
        long[][] ranked = tokens.length == 1 ? new long[][] {{tokens[0], -1}}
                : rarest.of(tokens);
        if (ranked.length == 0) {
            return List.of();
        }
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("select s.customer_id from customer_search_token s join customer_search_text t"
                + " on t.customer_id = s.customer_id where s.tok = ?");
        params.add(ranked[0][0]);
        sql.append(rarest.othersHeld("o.customer_id = s.customer_id", ranked, params));
        // position(), not like: no pattern characters to escape, and PostgreSQL does not misjudge its selectivity
        // a reader with personal-data rights may also paste a masked form (139****1234) from a page
        sql.append(personalData ? " and (position(? in t.full_text) > 0 or position(? in t.open_text) > 0)"
                : " and position(? in t.open_text) > 0");
        params.add(needle);
        if (personalData) {
            params.add(needle);
        }
        sql.append(" order by s.customer_id limit ?");
        params.add(max);
        return jdbc.sql(sql.toString()).params(params).query(Long.class).list();
    }

    /**
     * What the stored texts must contain: the query lower-cased; a phone written in any format as E.164, or its
     * digits alone when it is only part of a number (a suffix: 8000).
     */
    static String needle(String text) {
        String q = text.strip().toLowerCase(Locale.ROOT);
        if (PHONE_LIKE.matcher(q).matches() && q.chars().filter(Character::isDigit).count() >= 4) {
            return PhoneNumbers.parse(q).orElseGet(() -> q.replaceAll("[^0-9]", ""));
        }
        return q;
    }

    /** Whether a reader's text names a whole phone number or email (a look-up, not a fragment). */
    static boolean wholeContact(String text) {
        String needle = needle(text);
        return wholePhone(needle) || WHOLE_EMAIL.matcher(needle).matches();
    }

    /** Whether a needle is a whole phone number: {@link #needle} makes one E.164, the only form starting with +. */
    private static boolean wholePhone(String needle) {
        return needle.startsWith("+") && PhoneNumbers.parse(needle).filter(needle::equals).isPresent();
    }
}
