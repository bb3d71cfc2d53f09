package org.kept.knowledge.internal;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.kept.identity.CurrentUser;
import org.kept.knowledge.KnowledgeChanged;
import org.kept.knowledge.Script;
import org.kept.knowledge.Scripts;
import org.kept.shared.KeptException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reply templates (话术): checks before they are stored. */
@Service
class ScriptDesk implements Scripts {

    static final Set<String> CHANNELS = Set.of("PHONE", "WRITTEN", "ANY");

    private final ScriptStore store;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    ScriptDesk(ScriptStore store, Clock clock, ApplicationEventPublisher events) {
        this.store = store;
        this.clock = clock;
        this.events = events;
    }

    /** Scripts are what agents say to customers: who changed which words is kept in the audit log. */
    private void audit(CurrentUser by, String action, long id, String code, String name, String channel, String body) {
        events.publishEvent(new KnowledgeChanged(by.username(), action, "script:" + id,
                code + " " + name.strip() + " (" + channel + "): " + body));
    }

    @Override
    public List<Script> forChannel(String channel) {
        String c = channel == null ? null : channel.toUpperCase();
        return store.all().stream()
                .filter(s -> c == null || "ANY".equals(s.channel()) || s.channel().equals(c)).toList();
    }

    @Override
    public Script get(long id) {
        return forChannel(null).stream().filter(s -> s.id() == id).findFirst()
                .orElseThrow(() -> KeptException.notFound("script", id));
    }

    @Override
    @Transactional
    public Script save(Long id, String code, String name, String channel, String body, int sortOrder, CurrentUser by) {
        String ch = channel == null ? "" : channel.toUpperCase();
        if (code == null || !code.matches("[a-z0-9-]{1,40}") || name == null || name.isBlank() || name.length() > 100
                || !CHANNELS.contains(ch) || body == null || body.isBlank() || body.length() > 4000) {
            throw KeptException.invalid("knowledge.script.invalid");
        }
        try {
            if (id == null) {
                long made = store.insert(code, name.strip(), ch, body, sortOrder, clock.instant());
                audit(by, "knowledge.script.create", made, code, name, ch, body);
                return get(made);
            }
            if (!store.update(id, code, name.strip(), ch, body, sortOrder, clock.instant())) {
                throw KeptException.notFound("script", id);
            }
            audit(by, "knowledge.script.update", id, code, name, ch, body);
            return get(id);
        } catch (DuplicateKeyException e) {
            throw KeptException.conflict("knowledge.script.code", code);
        }
    }
}
