package org.kept.knowledge;

import org.kept.shared.AuditableEvent;

/** An article, script, synonym or change request was written; goes to the audit log. */
public record KnowledgeChanged(String actor, String action, String subject, String details) implements AuditableEvent {
}
