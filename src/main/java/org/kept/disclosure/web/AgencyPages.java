package org.kept.disclosure.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.kept.disclosure.internal.Agency;
import org.kept.disclosure.internal.AgencyDesk;
import org.kept.disclosure.internal.Codes;
import org.kept.disclosure.internal.IntakeDesk;
import org.kept.disclosure.internal.ReleaseDesk;
import org.kept.disclosure.internal.ReviewDesk;
import org.kept.shared.CentreZone;
import org.kept.shared.IdempotentRequests;
import org.kept.shared.KeptException;
import org.kept.shared.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The requesting officer's pages, outside the console: the form at their agency's link (no sign-in: the link is the
 * key), the agency's own requests with their state, and the download link of a released package.
 */
@Controller
class AgencyPages {

    /** The form's file inputs by the document kind they carry. */
    private static final Map<String, String> INPUTS = Map.of("NOTICE", "notice", "CASE_PROOF", "caseProof",
            "INTRO_LETTER", "introLetter");

    private final AgencyDesk agencies;
    private final IntakeDesk intake;
    private final ReviewDesk review;
    private final ReleaseDesk release;
    private final IdempotentRequests idempotency;
    private final Problems problems;
    private final CentreZone zone;

    AgencyPages(AgencyDesk agencies, IntakeDesk intake, ReviewDesk review, ReleaseDesk release,
                IdempotentRequests idempotency, Problems problems, CentreZone zone) {
        this.agencies = agencies;
        this.intake = intake;
        this.review = review;
        this.release = release;
        this.idempotency = idempotency;
        this.problems = problems;
        this.zone = zone;
    }

    @GetMapping("/le/{key}")
    String form(@PathVariable String key, @RequestParam(required = false) Long submitted, Model model,
                HttpServletResponse response) {
        Agency agency = agencies.byKey(key).orElse(null);
        if (agency == null) {
            response.setStatus(404);
            return "disclosure/officer";
        }
        fill(model, key, agency, Map.of());
        model.addAttribute("submitted", submitted);
        return "disclosure/officer";
    }

    @PostMapping("/le/{key}")
    String submit(@PathVariable String key, @RequestParam Map<String, String> form,
                  @RequestParam(name = "fields", required = false) List<String> fields,
                  @RequestParam(name = "notice", required = false) MultipartFile notice,
                  @RequestParam(name = "caseProof", required = false) MultipartFile caseProof,
                  @RequestParam(name = "introLetter", required = false) MultipartFile introLetter,
                  Locale locale, Model model, HttpServletResponse response) throws IOException {
        Agency agency = agencies.byKey(key).orElse(null);
        if (agency == null) {
            response.setStatus(404);
            return "disclosure/officer";
        }
        List<IntakeDesk.Upload> uploads = new ArrayList<>();
        try {
            addUpload(uploads, "NOTICE", notice);
            addUpload(uploads, "CASE_PROOF", caseProof);
            addUpload(uploads, "INTRO_LETTER", introLetter);
            var s = new IntakeDesk.Submission(form.get("requestType"), form.get("caseNo"), form.get("legalBasis"),
                    form.get("officerName"), form.get("badge1"), form.get("badge2"), form.get("officerContact"),
                    form.get("subjectKind"), form.get("subjectValue"), fields == null ? List.of() : fields,
                    day(form.get("from"), false), day(form.get("to"), true), time(form.get("deadline")),
                    "on".equals(form.get("emergency")) || "true".equals(form.get("emergency")), form.get("emergencyReason"),
                    "on".equals(form.get("noNotify")) || "true".equals(form.get("noNotify")), uploads);
            StringBuilder print = new StringBuilder(new java.util.TreeMap<>(form).toString()).append(fields);
            uploads.forEach(u -> print.append(u.kind()).append(org.kept.shared.Sha256.hex(Arrays.toString(u.data()))));
            long id = idempotency.once(-agency.id(), form.get("formKey"), "disclosure.submit.page", print.toString(),
                    () -> intake.submit(agency, s)).id();
            return "redirect:/le/" + key + "?submitted=" + id;
        } catch (KeptException e) {
            response.setStatus(e.status().value());
            model.addAttribute("alert", problems.sentence(e, locale));
            Map<String, String> wrong = new LinkedHashMap<>(problems.fieldSentences(e, locale));
            // a refused file's reason goes next to its own input (documents[i] is the i-th file given)
            for (int i = 0; i < uploads.size(); i++) {
                String why = wrong.remove("documents[" + i + "]");
                if (why != null) {
                    wrong.put(INPUTS.get(uploads.get(i).kind()), why);
                }
            }
            model.addAttribute("wrong", wrong);
            fill(model, key, agency, form);
            model.addAttribute("chosen", fields == null ? List.of() : fields);
            return "disclosure/officer";
        }
    }

    @GetMapping("/le/download/{key}")
    ResponseEntity<String> download(@PathVariable String key, @RequestParam(required = false) String format,
                                    HttpServletRequest request, Locale locale) {
        boolean csv = "csv".equalsIgnoreCase(format);
        ReleaseDesk.Download d = release.download(key, csv, request.getRemoteAddr());
        if (!d.served()) {
            int status = d.outcome().equals("UNKNOWN") ? 404 : 410;
            return ResponseEntity.status(status).contentType(new MediaType("text", "plain", java.nio.charset.StandardCharsets.UTF_8))
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .body(problems.message("disclosure.download." + d.outcome(), locale));
        }
        String name = "disclosure-" + d.requestId() + (csv ? ".csv" : ".json");
        return ResponseEntity.ok()
                .contentType(csv ? new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8) : MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("X-Content-Type-Options", "nosniff")
                // a BOM so spreadsheet programs read the Chinese text as UTF-8
                .body(csv ? "\uFEFF" + d.content() : d.content());
    }

    private void fill(Model model, String key, Agency agency, Map<String, String> form) {
        model.addAttribute("agency", agency);
        model.addAttribute("key", key);
        model.addAttribute("types", agencies.requestTypes());
        model.addAttribute("fieldCodes", Codes.DataField.values());
        model.addAttribute("subjectKinds", Codes.SubjectKind.values());
        model.addAttribute("form", new LinkedHashMap<>(form));
        model.addAttribute("formKey", form.getOrDefault("formKey", UUID.randomUUID().toString()));
        model.addAttribute("requests", review.ofAgency(agency.id(), 20).stream()
                .map(r -> DisclosureJson.status(r, review.documents(r.id()))).toList());
        if (!model.containsAttribute("chosen")) {
            model.addAttribute("chosen", List.of());
        }
        if (!model.containsAttribute("wrong")) {
            model.addAttribute("wrong", Map.of());
        }
    }

    private static void addUpload(List<IntakeDesk.Upload> uploads, String kind, MultipartFile file) throws IOException {
        if (file != null && !file.isEmpty()) {
            uploads.add(new IntakeDesk.Upload(kind, file.getOriginalFilename(), file.getBytes()));
        }
    }

    /** A day of the form in the centre's zone: its start, or (for the end of a range) the start of the next day. */
    private java.time.Instant day(String value, boolean end) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            LocalDate d = LocalDate.parse(value);
            return (end ? d.plusDays(1) : d).atStartOfDay(zone.zone()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private java.time.Instant time(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value).atZone(zone.zone()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
