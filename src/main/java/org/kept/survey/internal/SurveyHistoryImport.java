package org.kept.survey.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.kept.shared.SqlTime;
import org.kept.survey.SurveyHistory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Writes past answered surveys, 1,000 a batch; a ticket that has a survey keeps it (one survey per ticket). */
@Service
class SurveyHistoryImport implements SurveyHistory {

    private static final int BATCH = 1000;

    private final SurveyStore store;
    private final JdbcTemplate template;
    private final TransactionTemplate tx;

    SurveyHistoryImport(SurveyStore store, JdbcTemplate template, TransactionTemplate tx) {
        this.store = store;
        this.template = template;
        this.tx = tx;
    }

    @Override
    public int importAnswered(List<HistoricSurvey> surveys) {
        int written = 0;
        for (int from = 0; from < surveys.size(); from += BATCH) {
            List<HistoricSurvey> batch = surveys.subList(from, Math.min(surveys.size(), from + BATCH));
            written += tx.execute(status -> write(batch));
        }
        return written;
    }

    private int write(List<HistoricSurvey> batch) {
        List<Object[]> rows = new ArrayList<>();
        for (HistoricSurvey s : batch) {
            if (s.answer() < 1 || s.answer() > 4) {
                throw new IllegalArgumentException("a survey answer is 1 to 4, not " + s.answer());
            }
            if (store.ofTicketExists(s.ticketId())) {
                continue;
            }
            rows.add(new Object[] {s.ticketId(), s.customerId(), s.teamId(), s.agentId(), s.category(), s.channel(),
                    SqlTime.utc(s.resolvedAt()), SqlTime.utc(s.sentAt()), SqlTime.utc(s.sentAt()),
                    SqlTime.utc(s.sentAt().plus(Duration.ofDays(3))), s.answer(), SqlTime.utc(s.answeredAt()),
                    SqlTime.utc(s.resolvedAt())});
        }
        store.insertAnswered(template, rows);
        return rows.size();
    }
}
