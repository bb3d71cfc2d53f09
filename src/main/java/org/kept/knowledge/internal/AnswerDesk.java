package org.kept.knowledge.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kept.identity.CurrentUser;
import org.kept.knowledge.Answers;
import org.kept.knowledge.ArticleView;
import org.kept.knowledge.Articles;
import org.kept.knowledge.Audience;
import org.kept.shared.KeptException;
import org.springframework.stereotype.Service;

/** Whole answers for the reply box, and the check that keeps internal guidance out of what a customer is sent. */
@Service
class AnswerDesk implements Answers {

    private final Articles articles;
    private final InternalPassages internal;

    AnswerDesk(Articles articles, InternalPassages internal) {
        this.articles = articles;
        this.internal = internal;
    }

    @Override
    public Answer answer(long articleId, CurrentUser reader) {
        ArticleView a = articles.get(articleId, reader);
        return new Answer(a.id(), a.version(), a.title(), PlainAnswer.of(a.body()), a.audience() == Audience.INTERNAL);
    }

    @Override
    public List<Answer> answers(List<Long> articleIds, CurrentUser reader) {
        List<Answer> out = new ArrayList<>();
        for (long id : articleIds) {
            try {
                out.add(answer(id, reader));
            } catch (KeptException gone) {
                // deleted or not readable since the search index saw it: nothing to offer
            }
        }
        return out;
    }

    @Override
    public Optional<InternalText> internalTextIn(String reply) {
        return internal.foundIn(reply);
    }
}
