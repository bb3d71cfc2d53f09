package org.kept.knowledge.internal;

import java.util.List;
import org.kept.identity.CurrentUser;
import org.kept.knowledge.KnowledgeChanged;
import org.kept.shared.KeptException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/** Adds, replaces and removes synonym groups for the API and the console page alike: checked, stored and audited once. */
@Service
public class SynonymDesk {

    private final SynonymStore synonyms;
    private final ApplicationEventPublisher events;

    SynonymDesk(SynonymStore synonyms, ApplicationEventPublisher events) {
        this.synonyms = synonyms;
        this.events = events;
    }

    public List<SynonymGroup> all() {
        return synonyms.all();
    }

    public SynonymGroup add(List<String> raw, CurrentUser me) {
        List<String> terms = terms(raw);
        long id = synonyms.save(null, terms);
        events.publishEvent(new KnowledgeChanged(me.username(), "knowledge.synonym", "synonym:" + id, String.join(" ", terms)));
        return new SynonymGroup(id, terms);
    }

    public SynonymGroup replace(long id, List<String> raw, CurrentUser me) {
        if (synonyms.all().stream().noneMatch(g -> g.id() == id)) {
            throw KeptException.notFound("synonym group", id);
        }
        List<String> terms = terms(raw);
        synonyms.save(id, terms);
        events.publishEvent(new KnowledgeChanged(me.username(), "knowledge.synonym", "synonym:" + id, String.join(" ", terms)));
        return new SynonymGroup(id, terms);
    }

    public void delete(long id, CurrentUser me) {
        if (!synonyms.delete(id)) {
            throw KeptException.notFound("synonym group", id);
        }
        events.publishEvent(new KnowledgeChanged(me.username(), "knowledge.synonym.delete", "synonym:" + id, ""));
    }

    /** Terms as typed in one field: separated by spaces or commas (either width). */
    public static List<String> terms(String text) {
        return SynonymStore.terms(text);
    }

    private static List<String> terms(List<String> raw) {
        List<String> terms = raw == null ? List.of()
                : raw.stream().filter(t -> t != null && !t.isBlank()).map(String::strip).distinct().toList();
        if (terms.size() < 2 || String.join(" ", terms).length() > 500) {
            throw KeptException.invalid("knowledge.synonym.invalid");
        }
        return terms;
    }
}
