package org.kept.authority.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.kept.authority.AuthorityChanged;
import org.kept.identity.CurrentUser;
import org.kept.identity.Directory;
import org.kept.shared.KeptException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rules of authority as an administrator edits them: limits per role or person, the kinds of action, and the
 * approval ladder. Every change is audited. A person's own limit for an action wins over their role's.
 */
@Service
public class LimitDesk {

    private final LimitStore store;
    private final Directory directory;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    LimitDesk(LimitStore store, Directory directory, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.directory = directory;
        this.events = events;
        this.clock = clock;
    }

    public List<ActionKind> actions() {
        return store.actions();
    }

    public ActionKind action(String code) {
        return store.actions().stream().filter(a -> a.code().equals(code)).findFirst()
                .orElseThrow(() -> KeptException.invalid("authority.action.unknown", String.valueOf(code)));
    }

    public List<Limit> limits() {
        return store.limits();
    }

    public List<Level> ladder() {
        return store.ladder();
    }

    /** The limit that applies to this person for the action and currency: their own, else their role's. */
    public Optional<Limit> effective(long userId, String role, String action, String currency) {
        return store.limit("user:" + userId, action, currency).or(() -> store.limit("role:" + role, action, currency));
    }

    /** Every limit that applies to this person, one per action and currency (their own winning over their role's). */
    public List<Limit> effectiveAll(long userId, String role) {
        List<Limit> all = store.limitsOf(List.of("user:" + userId, "role:" + role));
        List<Limit> chosen = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        all.stream().filter(Limit::personal).forEach(l -> {
            seen.add(l.action() + "|" + l.currency());
            chosen.add(l);
        });
        all.stream().filter(l -> !l.personal() && seen.add(l.action() + "|" + l.currency())).forEach(chosen::add);
        chosen.sort(java.util.Comparator.comparing(Limit::action).thenComparing(Limit::currency));
        return chosen;
    }

    public Optional<Limit> roleLimit(String role, String action, String currency) {
        return store.limit("role:" + role, action, currency);
    }

    /** What an administrator asks for: a role's or a person's limit for one action and currency, in minor units. */
    public record LimitForm(String role, Long userId, String action, String currency, Long perCase, Long perDay,
                            Long perCustomer30d) {
    }

    @Transactional
    public Limit save(LimitForm f, CurrentUser by) {
        List<KeptException.Field> wrong = new ArrayList<>();
        boolean role = f.role() != null && !f.role().isBlank();
        if (role == (f.userId() != null)) {
            wrong.add(new KeptException.Field("role", "authority.limit.holder"));
        }
        if (f.userId() != null && directory.user(f.userId()).isEmpty()) {
            wrong.add(new KeptException.Field("userId", "authority.limit.holder"));
        }
        if (f.action() == null || store.actions().stream().noneMatch(a -> a.code().equals(f.action()))) {
            wrong.add(new KeptException.Field("action", "authority.action.unknown", String.valueOf(f.action())));
        }
        if (f.currency() == null || !f.currency().matches("[A-Za-z]{3}")) {
            wrong.add(new KeptException.Field("currency", "authority.currency.invalid"));
        }
        if (f.perCase() == null || f.perCase() < 0 || (f.perDay() != null && f.perDay() < 0)
                || (f.perCustomer30d() != null && f.perCustomer30d() < 0)) {
            wrong.add(new KeptException.Field("perCase", "authority.limit.amounts"));
        }
        if (!wrong.isEmpty()) {
            throw KeptException.invalid(wrong);
        }
        String holder = role ? "role:" + f.role().strip().toUpperCase(java.util.Locale.ROOT) : "user:" + f.userId();
        String currency = f.currency().toUpperCase(java.util.Locale.ROOT);
        long id = store.save(holder, f.action(), currency, f.perCase(), f.perDay(), f.perCustomer30d(), by.username(),
                clock.instant());
        Limit saved = store.limit(id).orElseThrow();
        events.publishEvent(new AuthorityChanged(by.username(), "authority.limit", "authority-limit:" + holder,
                f.action() + " " + currency + " case=" + f.perCase() + " day=" + f.perDay() + " customer30d=" + f.perCustomer30d()));
        return saved;
    }

    @Transactional
    public void delete(long id, CurrentUser by) {
        Limit l = store.limit(id).orElseThrow(() -> KeptException.notFound("authority-limit", id));
        store.delete(id);
        events.publishEvent(new AuthorityChanged(by.username(), "authority.limit.delete", "authority-limit:" + l.holder(),
                l.action() + " " + l.currency()));
    }

    @Transactional
    public ActionKind saveAction(ActionKind a, CurrentUser by) {
        if (a.code() == null || !a.code().matches("[A-Z][A-Z0-9_]{1,39}") || a.nameZh() == null || a.nameZh().isBlank()
                || a.nameEn() == null || a.nameEn().isBlank() || a.nameZh().length() > 100 || a.nameEn().length() > 100) {
            throw KeptException.invalid("authority.action.invalid");
        }
        store.saveAction(a);
        events.publishEvent(new AuthorityChanged(by.username(), "authority.action", "authority-action:" + a.code(),
                a.nameZh() + " / " + a.nameEn() + (a.active() ? "" : " (inactive)")));
        return action(a.code());
    }

    @Transactional
    public List<Level> replaceLadder(List<Level> levels, CurrentUser by) {
        if (levels == null || levels.isEmpty() || levels.stream().map(Level::position).distinct().count() != levels.size()
                || levels.stream().anyMatch(l -> l.role() == null || l.role().isBlank() || l.nameZh() == null
                || l.nameZh().isBlank() || l.nameEn() == null || l.nameEn().isBlank())) {
            throw KeptException.invalid("authority.ladder.invalid");
        }
        store.replaceLadder(levels.stream().map(l -> new Level(l.position(), l.role().strip().toUpperCase(java.util.Locale.ROOT),
                l.sameTeam(), l.nameZh().strip(), l.nameEn().strip())).toList());
        events.publishEvent(new AuthorityChanged(by.username(), "authority.ladder", "authority-ladder",
                String.join(" > ", levels.stream().map(l -> l.position() + ":" + l.role()).toList())));
        return store.ladder();
    }
}
