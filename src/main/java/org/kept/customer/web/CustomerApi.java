package org.kept.customer.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.kept.customer.Customer;
import org.kept.customer.CustomerTier;
import org.kept.customer.Customers;
import org.kept.customer.NewCustomer;
import org.kept.identity.CurrentUser;
import org.kept.shared.Masking;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Customers over the API; phones and emails masked unless the caller's role sees personal data. */
@RestController
@Tag(name = "customers")
class CustomerApi {

    private final Customers customers;

    CustomerApi(Customers customers) {
        this.customers = customers;
    }

    @PostMapping("/api/v1/customers")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('CUSTOMER_WRITE')")
    @Operation(summary = "Record a customer; phones in any common format are stored as E.164")
    CustomerJson create(@Valid @RequestBody CreateCustomer body, @AuthenticationPrincipal CurrentUser me) {
        Customer c = customers.create(new NewCustomer(body.name(), body.tier(), body.notes(), body.phones(), body.emails()), me.username());
        return CustomerJson.of(c, me);
    }

    @GetMapping("/api/v1/customers/{id}")
    @PreAuthorize("hasAuthority('CUSTOMER_READ')")
    @Operation(summary = "One customer")
    CustomerJson get(@PathVariable long id, @AuthenticationPrincipal CurrentUser me) {
        return CustomerJson.of(customers.get(id), me);
    }

    @GetMapping("/api/v1/customers")
    @PreAuthorize("hasAuthority('CUSTOMER_READ')")
    @Operation(summary = "Search customers by name, phone (any format) or email",
            description = "Without personal-data rights a fragment matches the masked phones and emails only; a whole "
                    + "phone number or email finds its customer, counted per caller (kept.customer.lookup.max per "
                    + "kept.customer.lookup.window, 429 with Retry-After past it) and audited.")
    List<CustomerJson> search(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "20") int limit,
                              @AuthenticationPrincipal CurrentUser me) {
        return customers.search(q, limit, me).stream().map(c -> CustomerJson.of(c, me)).toList();
    }

    @PostMapping("/api/v1/customers/{id}/reveal")
    @PreAuthorize("hasAnyAuthority('PII_REVEAL', 'PII_VIEW')")
    @Operation(summary = "Reveal one masked value (field: phone or email) with a reason; the reveal is audited")
    RevealJson reveal(@PathVariable long id, @Valid @RequestBody RevealRequest body, @AuthenticationPrincipal CurrentUser me) {
        return new RevealJson(body.field(), customers.reveal(id, body.field(), body.reason(), me.username()));
    }

    record CreateCustomer(@NotBlank @Size(max = 100) String name, CustomerTier tier, @Size(max = 2000) String notes,
                          @Size(max = 5) List<@NotBlank @Size(max = 40) String> phones,
                          @Size(max = 5) List<@NotBlank @Size(max = 200) String> emails) {
    }

    record RevealRequest(@NotBlank String field, @NotBlank @Size(min = 4, max = 500) String reason) {
    }

    record RevealJson(String field, String value) {
    }

    record CustomerJson(long id, String name, CustomerTier tier, String notes, List<String> phones, List<String> emails,
                        boolean masked) {

        static CustomerJson of(Customer c, CurrentUser viewer) {
            boolean full = viewer.seesPersonalData();
            return new CustomerJson(c.id(), c.name(), c.tier(), full ? c.notes() : Masking.inText(c.notes()),
                    full ? c.phones() : c.phones().stream().map(Masking::phone).toList(),
                    full ? c.emails() : c.emails().stream().map(Masking::email).toList(), !full);
        }
    }
}
