package org.kept.knowledge.web;

import java.util.List;
import org.kept.identity.CurrentUser;
import org.kept.knowledge.KnowledgeChanged;
import org.kept.knowledge.internal.SynonymStore;
import org.kept.shared.KeptException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** Adds, replaces and removes synonym groups for the API and the console page alike: checked, stored and audited once. */
@Component
class SynonymEdits {

    private final SynonymStore synonyms;
    private final ApplicationEventPublisher events;

    SynonymEdits(SynonymStore synonyms, ApplicationEventPublisher events) {
        this.synonyms = synonyms;
        this.events = events;
    }

    List<SynonymStore.Group> all() {
        return synonyms.all();
    }

    SynonymStore.Group add(List<String> raw, CurrentUser me) {
        List<String> terms = terms(raw);
        long id = synonyms.save(null, terms);
        events.publishEvent(new KnowledgeChanged(me.username(), "knowledge.synonym", "synonym:" + id, String.join(" ", terms)));
        return new SynonymStore.Group(id, terms);
    }

    SynonymStore.Group replace(long id, List<String> raw, CurrentUser me) {
        if (synonyms.all().stream().noneMatch(g -> g.id() == id)) {
            throw KeptException.notFound("synonym group", id);
        }
        List<String> terms = terms(raw);
        synonyms.save(id, terms);
        events.publishEvent(new KnowledgeChanged(me.username(), "knowledge.synonym", "synonym:" + id, String.join(" ", terms)));
        return new SynonymStore.Group(id, terms);
    }

    void delete(long id, CurrentUser me) {
        if (!synonyms.delete(id)) {
            throw KeptException.notFound("synonym group", id);
        }
        events.publishEvent(new KnowledgeChanged(me.username(), "knowledge.synonym.delete", "synonym:" + id, ""));
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
