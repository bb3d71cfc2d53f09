package org.kept.knowledge.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.kept.identity.CurrentUser;
import org.kept.knowledge.Script;
import org.kept.knowledge.Scripts;
import org.kept.knowledge.internal.ChangeRequestDesk;
import org.kept.knowledge.internal.SynonymDesk;
import org.kept.knowledge.internal.SynonymGroup;
import org.kept.shared.KeptException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What the centre maintains around the articles: synonyms, scripts (话术) and business change requests. */
@RestController
@Tag(name = "knowledge")
class KnowledgeAdminApi {

    private final SynonymDesk synonymEdits;
    private final Scripts scripts;
    private final ChangeRequestDesk changes;

    KnowledgeAdminApi(SynonymDesk synonymEdits, Scripts scripts, ChangeRequestDesk changes) {
        this.synonymEdits = synonymEdits;
        this.scripts = scripts;
        this.changes = changes;
    }

    record SynonymWrite(List<String> terms) {
    }

    @GetMapping("/api/v1/knowledge/synonyms")
    @PreAuthorize("hasAuthority('TICKET_READ')")
    @Operation(summary = "Synonym groups applied to every search (丢了 ~ 遗落 ~ 丢失)")
    List<SynonymGroup> synonyms() {
        return synonymEdits.all();
    }

    @PostMapping("/api/v1/knowledge/synonyms")
    @PreAuthorize("hasAuthority('KNOWLEDGE_WRITE')")
    @Operation(summary = "Add a synonym group; applies to the next search, no reindex")
    ResponseEntity<SynonymGroup> addSynonyms(@RequestBody SynonymWrite body, @AuthenticationPrincipal CurrentUser me) {
        return ResponseEntity.status(HttpStatus.CREATED).body(synonymEdits.add(body.terms(), me));
    }

    @PutMapping("/api/v1/knowledge/synonyms/{id}")
    @PreAuthorize("hasAuthority('KNOWLEDGE_WRITE')")
    @Operation(summary = "Replace a synonym group's terms")
    SynonymGroup putSynonyms(@PathVariable long id, @RequestBody SynonymWrite body, @AuthenticationPrincipal CurrentUser me) {
        return synonymEdits.replace(id, body.terms(), me);
    }

    @DeleteMapping("/api/v1/knowledge/synonyms/{id}")
    @PreAuthorize("hasAuthority('KNOWLEDGE_WRITE')")
    @Operation(summary = "Remove a synonym group")
    ResponseEntity<Void> deleteSynonyms(@PathVariable long id, @AuthenticationPrincipal CurrentUser me) {
        synonymEdits.delete(id, me);
        return ResponseEntity.noContent().build();
    }

    record ScriptWrite(String code, String name, String channel, String body, Integer sortOrder) {
    }

    record Fill(Map<String, String> values) {
    }

    @GetMapping("/api/v1/knowledge/scripts")
    @PreAuthorize("hasAuthority('TICKET_READ')")
    @Operation(summary = "Scripts (话术) for a channel (PHONE or WRITTEN; ANY ones always), in order")
    List<Script> scripts(@RequestParam(required = false) String channel) {
        return scripts.forChannel(channel);
    }

    @PostMapping("/api/v1/knowledge/scripts")
    @PreAuthorize("hasAuthority('KNOWLEDGE_WRITE')")
    @Operation(summary = "Add a script; variables: {customerName} {ticketNumber} {deadline} {agentId}")
    ResponseEntity<Script> addScript(@RequestBody ScriptWrite body, @AuthenticationPrincipal CurrentUser me) {
        return ResponseEntity.status(HttpStatus.CREATED).body(scripts.save(null, body.code(), body.name(), body.channel(),
                body.body(), body.sortOrder() == null ? 100 : body.sortOrder(), me));
    }

    @PutMapping("/api/v1/knowledge/scripts/{id}")
    @PreAuthorize("hasAuthority('KNOWLEDGE_WRITE')")
    @Operation(summary = "Change a script")
    Script putScript(@PathVariable long id, @RequestBody ScriptWrite body, @AuthenticationPrincipal CurrentUser me) {
        scripts.get(id);
        return scripts.save(id, body.code(), body.name(), body.channel(), body.body(),
                body.sortOrder() == null ? 100 : body.sortOrder(), me);
    }

    @PostMapping("/api/v1/knowledge/scripts/{id}/fill")
    @PreAuthorize("hasAuthority('TICKET_READ')")
    @Operation(summary = "The script with its variables filled; a missing value stays as {name} for the agent to see")
    Map<String, String> fill(@PathVariable long id, @RequestBody Fill body) {
        return Map.of("text", Scripts.fill(scripts.get(id).body(), body.values() == null ? Map.of() : body.values()));
    }

    record ChangeWrite(String kind, String product, String description, Long ownerId, LocalDate deadline,
                       List<ItemWrite> items) {
    }

    /** An article to update (articleId) or to write (title only). */
    record ItemWrite(Long articleId, String title, Long ownerId) {
    }

    record Close(Integer version) {
    }

    @GetMapping("/api/v1/knowledge/change-requests")
    @PreAuthorize("hasAuthority('TICKET_READ')")
    @Operation(summary = "Open business change requests, nearest deadline first")
    List<ChangeRequestDesk.Request> changeRequests() {
        return changes.open();
    }

    @PostMapping("/api/v1/knowledge/change-requests")
    @PreAuthorize("hasAuthority('KNOWLEDGE_WRITE')")
    @Operation(summary = "Open a change request (LAUNCH, CHANGE or RETIRE a product) listing articles to write or update")
    ResponseEntity<ChangeRequestDesk.Request> openChange(@RequestBody ChangeWrite body, @AuthenticationPrincipal CurrentUser me) {
        return ResponseEntity.status(HttpStatus.CREATED).body(changes.open(body.kind(), body.product(), body.description(),
                body.ownerId() == null ? me.id() : body.ownerId(), body.deadline(), body.items() == null ? null
                        : body.items().stream().map(i -> new ChangeRequestDesk.Item(null, i.articleId(), i.title(), i.ownerId(), false))
                        .toList(), me));
    }

    @GetMapping("/api/v1/knowledge/change-requests/{id}")
    @PreAuthorize("hasAuthority('TICKET_READ')")
    @Operation(summary = "One change request with its items")
    ChangeRequestDesk.Request changeRequest(@PathVariable long id) {
        return changes.get(id);
    }

    @PostMapping("/api/v1/knowledge/change-requests/{id}/items/{item}/done")
    @PreAuthorize("hasAuthority('KNOWLEDGE_WRITE')")
    @Operation(summary = "Mark one item written or updated")
    ChangeRequestDesk.Request itemDone(@PathVariable long id, @PathVariable long item, @AuthenticationPrincipal CurrentUser me) {
        return changes.done(id, item, me);
    }

    @PostMapping("/api/v1/knowledge/change-requests/{id}/close")
    @PreAuthorize("hasAuthority('KNOWLEDGE_WRITE')")
    @Operation(summary = "Close a change request; version must be the one you read")
    ChangeRequestDesk.Request close(@PathVariable long id, @RequestBody Close body, @AuthenticationPrincipal CurrentUser me) {
        if (body.version() == null) {
            throw KeptException.invalid("knowledge.version.required");
        }
        return changes.close(id, body.version(), me);
    }
}
