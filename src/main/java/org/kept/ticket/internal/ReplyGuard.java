package org.kept.ticket.internal;

import org.kept.knowledge.Answers;
import org.kept.shared.KeptException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Stops a reply to the customer that repeats internal guidance (内部资料: "5 元以内坐席可直接退", a finance procedure),
 * however it got there: pasted, typed or sent through the API. The agent keeps the text and rewrites it.
 */
@Component
class ReplyGuard {

    private final ObjectProvider<Answers> answers;

    ReplyGuard(ObjectProvider<Answers> answers) {
        this.answers = answers;
    }

    void check(String reply) {
        Answers knowledge = answers.getIfAvailable();
        if (knowledge == null) {
            return;
        }
        knowledge.internalTextIn(reply).ifPresent(found -> {
            throw KeptException.invalid("error.reply.internal", found.title(), found.passage());
        });
    }
}
