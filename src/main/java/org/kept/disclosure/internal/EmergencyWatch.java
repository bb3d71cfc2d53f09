package org.kept.disclosure.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import org.kept.identity.Directory;
import org.kept.identity.Permission;
import org.kept.identity.UserView;
import org.kept.shared.LocalText;
import org.kept.sla.Notifications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The emergency queue's alarm: an emergency not released by its target (10 minutes from a valid request) alerts every
 * reviewer and approver once, and the audit log records the breach. Marking the alert is a compare-and-set, so two
 * instances alert once.
 */
@Component
public class EmergencyWatch {

    private final DisclosureStore store;
    private final Notifications notifications;
    private final Directory directory;
    private final Audit audit;
    private final Clock clock;

    EmergencyWatch(DisclosureStore store, Notifications notifications, Directory directory, Audit audit, Clock clock) {
        this.store = store;
        this.notifications = notifications;
        this.directory = directory;
        this.audit = audit;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${kept.disclosure.watch:PT30S}", initialDelayString = "PT20S")
    void scheduled() {
        run();
    }

    /** Alerts about every emergency past its target; returns how many. */
    @Transactional
    public int run() {
        Instant now = clock.instant();
        int alerted = 0;
        for (DisclosureRequest r : store.breachedUnalerted(now, 50)) {
            if (!store.markAlerted(r.id(), now)) {
                continue;
            }
            Set<Long> people = new LinkedHashSet<>();
            directory.staffWith(Permission.DISCLOSURE_REVIEW).stream().map(UserView::id).forEach(people::add);
            directory.staffWith(Permission.DISCLOSURE_APPROVE).stream().map(UserView::id).forEach(people::add);
            notifications.send(people, "DISCLOSURE_SLA", null, LocalText.of("disclosure.alert.breach", Long.toString(r.id()),
                    r.slaDueAt()));
            audit.step("kept-disclosure", "disclosure.sla.breach", r.id(), "emergency not released by " + r.slaDueAt());
            alerted++;
        }
        return alerted;
    }
}
