package org.kept.authority.web;

import java.time.Instant;
import java.util.List;
import org.kept.authority.internal.ExceptionRequest;
import org.kept.authority.internal.Grant;
import org.kept.authority.internal.Limit;
import org.kept.identity.CurrentUser;
import org.kept.shared.Masking;
import org.kept.shared.Money;

/** The authority API's shapes; free text (reasons, evidence, comments) masked for roles without PII_VIEW. */
final class AuthorityJson {

    private AuthorityJson() {
    }

    record Amount(long minor, String currency, String value) {
        static Amount of(Money m) {
            return m == null ? null : new Amount(m.minor(), m.currency(), m.decimal());
        }
    }

    record GrantJson(long id, long ticketId, long agentId, String action, Amount amount, String reason, Long requestId,
                     Instant grantedAt) {
    }

    record StepJson(int seq, String level, String role, Long teamId, String state, Long decidedBy, String decidedByName,
                    String comment, Instant decidedAt) {
    }

    record RequestJson(long id, long ticketId, long requesterId, Long requesterTeamId, String action, Amount amount,
                       String reason, String evidence, String state, int step, int steps, Instant createdAt,
                       Instant stepDueAt, Instant endedAt, String endNote, List<StepJson> chain) {
    }

    record LimitJson(long id, String role, Long userId, String action, String currency, Amount perCase, Amount perDay,
                     Amount perCustomer30d) {
    }

    /** A grant or an exception request: what the grant endpoint answers. */
    record OutcomeJson(String outcome, GrantJson grant, RequestJson request) {
    }

    static GrantJson of(Grant g, CurrentUser reader) {
        return new GrantJson(g.id(), g.ticketId(), g.agentId(), g.action(), Amount.of(g.amount()), text(g.reason(), reader),
                g.requestId(), g.grantedAt());
    }

    static RequestJson of(ExceptionRequest r, CurrentUser reader) {
        return new RequestJson(r.id(), r.ticketId(), r.requesterId(), r.requesterTeamId(), r.action(), Amount.of(r.amount()),
                text(r.reason(), reader), text(r.evidence(), reader), r.state().name(), r.step(), r.steps(), r.createdAt(),
                r.stepDueAt(), r.endedAt(), text(r.endNote(), reader), r.chain().stream().map(s -> new StepJson(s.seq(),
                        s.nameEn(), s.role(), s.teamId(), s.state(), s.decidedBy(), s.decidedByName(),
                        text(s.comment(), reader), s.decidedAt())).toList());
    }

    static LimitJson of(Limit l) {
        boolean role = l.holder().startsWith("role:");
        String who = l.holder().substring(l.holder().indexOf(':') + 1);
        return new LimitJson(l.id(), role ? who : null, role ? null : Long.valueOf(who), l.action(), l.currency(),
                Amount.of(l.perCaseMoney()), Amount.of(l.perDayMoney()), Amount.of(l.perCustomer30dMoney()));
    }

    static String text(String s, CurrentUser reader) {
        return s == null || reader.seesPersonalData() ? s : Masking.inText(s);
    }
}
