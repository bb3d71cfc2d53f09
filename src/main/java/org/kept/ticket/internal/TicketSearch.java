package org.kept.ticket.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.kept.shared.Masking;
import org.kept.shared.Page;
import org.kept.shared.RarestTokens;
import org.kept.shared.SearchBigrams;
import org.kept.ticket.TicketFilter;
import org.kept.ticket.TicketSummary;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A queue filtered by words of the subject, answered from the bigram postings ({@code ticket_search_token}) instead of
 * a {@code like} over every ticket. The rarest of the query's bigrams drives: its postings are read in queue order
 * (most urgent, then oldest), each candidate must hold the other bigrams (a primary-key probe each) and then really
 * contain the query. A viewer without personal-data rights is checked against the masked subject only, so a search
 * cannot confirm a digit the page would hide.
 */
@Repository
class TicketSearch {

    /** Postings counted per bigram to find the rarest one; past this a bigram counts as common. */
    private static final int WINDOW = 5_000;
    /** The driving bigram and at most this many others are looked up; the final substring check makes the rest exact. */
    private static final int MAX_PROBED = 6;
    /** Postings of the driving bigram counted for a total: four pages; past them the page says "at least". */
    static final int COUNT_WINDOW = 100;

    private final JdbcClient jdbc;
    private final RarestTokens rarest;
    /** Postings from which a bigram counts as common for choosing the way in: {@link #WINDOW}; tests lower it. */
    private final int common;

    @Autowired
    TicketSearch(JdbcClient jdbc, Clock clock) {
        this(jdbc, WINDOW, clock);
    }

    TicketSearch(JdbcClient jdbc, int common, Clock clock) {
        this.jdbc = jdbc;
        this.rarest = new RarestTokens(jdbc, "ticket_search_token", WINDOW, MAX_PROBED, clock);
        this.common = common;
    }

    /** Whether {@code text} can be answered from bigrams: at least two characters. */
    static boolean searchable(String text) {
        return text.codePointCount(0, text.length()) >= 2;
    }

    /**
     * The condition a ticket's subject must meet, on the columns of {@code ticket} (alias-free), with its parameters
     * added to {@code params}: the masked subject for a viewer without personal-data rights. Shared by the bigram
     * search and the queue's way in.
     */
    static String subjectMatches(boolean personalData, String text, List<Object> params) {
        // position(), not like: PostgreSQL guesses a like on an expression matches 0.5 % of rows, plans a common
        // word's page as if it had to read 200 times the postings and JIT-compiles it (0.7 s for a 20 ms query)
        String needle = text.toLowerCase(Locale.ROOT);
        params.add(needle);
        if (personalData || ideographs(needle)) {
            // masking never changes an ideograph: a word of them is in the masked subject exactly when it is in the raw
            // one, whichever masking version made the copy, so the copy's read (a probe per candidate) says nothing more
            return "position(? in lower(subject)) > 0";
        }
        // without personal-data rights only a subject masked with today's masking counts: a ticket not yet indexed
        // (or masked by an older, weaker version) is not found by words until the index catches up, never by its raw text
        String masked = "position(? in lower((select coalesce(x.masked_subject, ticket.subject) from ticket_search_text x"
                + " where x.ticket_id = ticket.id and x.masked_with = " + Masking.VERSION + "))) > 0";
        if (!outsideMasks(needle)) {
            return masked;
        }
        // the raw subject first: most of a queue's tickets fail it without the masked copy's read (a primary-key probe
        // each; 370 of them for a team's page of a common word)
        params.add(needle);
        return "position(? in lower(subject)) > 0 and " + masked;
    }

    /** Whether {@code text} is nothing but ideographs (汉字): characters no masking touches and no case changes. */
    static boolean ideographs(String text) {
        return !text.isEmpty() && text.codePoints().allMatch(Character::isIdeographic);
    }

    /**
     * Whether a masked subject can hold {@code needle} only where its raw subject holds it too. Masking writes ASCII
     * only (digits, {@code *}, {@code +-@. }, an address's letters) and leaves every other character where it was,
     * so a needle without ASCII cannot meet a masked part.
     */
    static boolean outsideMasks(String needle) {
        return needle.chars().allMatch(c -> c > 0x7f);
    }

    /**
     * A page of the tickets whose subject holds the filter's text; empty when the queue itself is the cheaper way in: a
     * word every bigram of which is common ({@link #WINDOW} postings or more) in a queue narrowed to a team, an agent or
     * a customer, where most of the word's postings belong to other queues (1.1 s for a team's open tickets holding
     * a tenth of a million tickets' word, against 10 ms reading the team's queue in order), or sorted by creation.
     */
    Optional<Page<TicketSummary>> list(TicketFilter f, String columns, int page, int size, long countCap) {
        long[][] ranked = byRarity(SearchBigrams.ofQuery(f.text().strip()));
        if (ranked.length == 0) {
            return Optional.of(new Page<>(List.of(), page, size, 0, false));
        }
        if (ranked[0][1] >= common && (narrow(f) || byCreation(f))) {
            return Optional.empty();
        }
        String order = switch (f.sort()) {
            case "created" -> "ticket.created_at, ticket.id";
            case "-created" -> "ticket.created_at desc, ticket.id desc";
            case "-updated" -> "ticket.updated_at desc, ticket.id desc";
            default -> "s.prio, s.made_at, s.ticket_id";
        };
        List<TicketSummary> rows = page > 0 && postingsAreMatches(f) ? deepPage(columns, ranked[0][0], page, size)
                : rows(f, columns, ranked, order, page, size);
        if (page == 0 && rows.size() < size) {
            return Optional.of(new Page<>(rows, page, size, rows.size(), false));
        }
        // counted within the driving bigram's first postings (beyond them "at least"): each counted posting costs a
        // probe per other bigram and a ticket read, and 1,001 of them were most of a search's database time (15 ms)
        long window = Math.min(countCap, COUNT_WINDOW);
        List<Object> countParams = new ArrayList<>();
        countParams.add(ranked[0][0]);
        countParams.add(window);
        String countFrom = from("(select tok, prio, made_at, ticket_id from ticket_search_token where tok = ?"
                + " order by tok, prio, made_at, ticket_id limit ?) s", f, ranked, countParams);
        long total = jdbc.sql("select count(*)" + countFrom).params(countParams).query(Long.class).single();
        return Optional.of(new Counted(total, ranked[0][1] > window).page(rows, page, size, countCap));
    }

    private List<TicketSummary> rows(TicketFilter f, String columns, long[][] ranked, String order, int page, int size) {
        List<Object> params = new ArrayList<>();
        String rowsFrom = from("ticket_search_token s", f, ranked, params);
        params.add(size);
        params.add((long) page * size);
        return jdbc.sql("select " + qualified(columns) + rowsFrom + " order by " + order + " limit ? offset ?")
                .params(params).query(TicketStore::summary).list();
    }

    /**
     * Whether the postings of the query's one bigram are exactly the tickets it finds, in queue order and unfiltered:
     * a two-character word of ideographs (no case; masking never changes one), so a posting means the subject, raw and
     * masked, holds the word.
     */
    private static boolean postingsAreMatches(TicketFilter f) {
        String text = f.text().strip();
        return text.codePointCount(0, text.length()) == 2 && ideographs(text)
                && TicketStore.conditions(f, new ArrayList<>()).isEmpty() && !byCreation(f) && !"-updated".equals(f.sort());
    }

    /**
     * A deeper page of a two-character word: the skipped postings are read from the postings index alone and only the
     * page's tickets from the table, where the general query read a ticket and its subject for every skipped match
     * (page 10: 250 of them, most of its database time). No masked-subject check, for any reader: masking never
     * changes an ideograph, so a ticket masked with an older version holds the same two-ideograph postings.
     */
    private List<TicketSummary> deepPage(String columns, long token, int page, int size) {
        return jdbc.sql("select " + qualified(columns) + " from (select p.prio, p.made_at, p.ticket_id from ticket_search_token p"
                        + " where p.tok = ? order by p.prio, p.made_at, p.ticket_id limit ? offset ?) s"
                        + " join ticket on ticket.id = s.ticket_id order by s.prio, s.made_at, s.ticket_id")
                .params(token, size, (long) page * size).query(TicketStore::summary).list();
    }

    /**
     * Newest or oldest first: the creation index in order meets a common word's tickets a page at a time, where its
     * postings, kept in queue order, would all be read and sorted (64 ms of database time for a tenth of a million).
     */
    private static boolean byCreation(TicketFilter f) {
        return "created".equals(f.sort()) || "-created".equals(f.sort());
    }

    /** A filter that leaves a small part of all tickets: one team's, one agent's, the unassigned, one customer's. */
    private static boolean narrow(TicketFilter f) {
        return f.teamId() != null || f.assigneeId() != null || f.unassigned() || f.customerId() != null;
    }

    /** The candidates: postings of the rarest bigram ({@code source}) holding the others, the filter, the text. */
    private String from(String source, TicketFilter f, long[][] ranked, List<Object> params) {
        StringBuilder from = new StringBuilder(" from " + source + " join ticket on ticket.id = s.ticket_id where s.tok = ?");
        params.add(ranked[0][0]);
        from.append(rarest.othersHeld("o.prio = s.prio and o.made_at = s.made_at and o.ticket_id = s.ticket_id", ranked, params));
        from.append(TicketStore.conditions(f, params));
        from.append(" and ").append(subjectMatches(f.personalData(), f.text().strip(), params));
        return from.toString();
    }

    /** The query's bigrams, rarest first (see {@link RarestTokens}). */
    private long[][] byRarity(long[] tokens) {
        return rarest.of(tokens);
    }

    private static String qualified(String columns) {
        return Arrays.stream(columns.split(",\\s*")).map(c -> "ticket." + c).reduce((a, b) -> a + ", " + b).orElseThrow();
    }
}
