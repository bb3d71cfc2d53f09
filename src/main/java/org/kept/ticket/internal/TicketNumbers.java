package org.kept.ticket.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import org.kept.shared.CentreZone;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands out numbers people can read, such as {@code 20261122-0001}: the centre's calendar day and a counter.
 * Each instance takes a block of counters in its own short transaction, so creating tickets never queues
 * behind one hot counter row; numbers are unique, nearly in order, and a restart may skip a few.
 * Call it outside any transaction: a reservation borrows a second connection, and callers holding one each while
 * they queue here could exhaust the pool.
 */
@Component
class TicketNumbers {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final int BLOCK = 50;

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private final CentreZone zone;
    private String day = "";
    private int next;
    private int end;

    TicketNumbers(JdbcClient jdbc, PlatformTransactionManager txManager, Clock clock, CentreZone zone) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(txManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.zone = zone;
    }

    synchronized String next() {
        String today = LocalDate.now(clock.withZone(zone.zone())).format(DAY);
        if (!today.equals(day) || next >= end) {
            int start = reserve(today, BLOCK);
            day = today;
            next = start;
            end = start + BLOCK;
        }
        return number(day, next++);
    }

    /** A centre day as numbers show it: {@code 20261122}. */
    static String day(LocalDate date) {
        return date.format(DAY);
    }

    /** {@code 20261122-0007}: the day and the counter, zero-padded to at least four digits (no Formatter per ticket). */
    static String number(String day, int counter) {
        String digits = Integer.toString(counter);
        return digits.length() >= 4 ? day + "-" + digits : day + "-" + "0000".substring(digits.length()) + digits;
    }

    /** Takes {@code size} counters of {@code today} (a day as {@code yyyyMMdd}) at once; returns the first. */
    int reserve(String today, int size) {
        for (int attempt = 0; ; attempt++) {
            try {
                Integer start = ownTransaction.execute(s -> {
                    int updated = jdbc.sql("update ticket_number_block set next_value = next_value + ? where number_day = ?")
                            .params(size, today).update();
                    if (updated == 0) {
                        jdbc.sql("insert into ticket_number_block (number_day, next_value) values (?, ?)").params(today, 1 + size).update();
                        return 1;
                    }
                    return jdbc.sql("select next_value from ticket_number_block where number_day = ?").param(today)
                            .query(Integer.class).single() - size;
                });
                return start;
            } catch (DuplicateKeyException e) {
                if (attempt > 3) {
                    throw e;
                }
                // another instance created today's row first; take a block from it
            }
        }
    }
}
