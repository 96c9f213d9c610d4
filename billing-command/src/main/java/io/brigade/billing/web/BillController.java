package io.brigade.billing.web;

import io.brigade.contracts.billing.BillCheck;
import io.brigade.contracts.billing.BillId;
import io.brigade.contracts.billing.CheckId;
import io.brigade.contracts.billing.DiscountKind;
import io.brigade.contracts.billing.GrantDiscount;
import io.brigade.contracts.billing.PaymentId;
import io.brigade.contracts.billing.PaymentMethod;
import io.brigade.contracts.billing.PaymentReceipt;
import io.brigade.contracts.billing.RecordPayment;
import io.brigade.contracts.billing.RefundPayment;
import io.brigade.contracts.billing.SplitBill;
import io.brigade.contracts.billing.SplitMode;
import io.brigade.contracts.billing.VoidBill;
import io.brigade.contracts.common.Money;
import io.brigade.contracts.order.LineId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** Translates docs/api.md's Billing section into commands for the {@code Bill} aggregate. */
@RestController
@RequestMapping("/api/v1/billing/bills/{billId}")
public class BillController {

    private final CommandGateway commands;

    public BillController(CommandGateway commands) {
        this.commands = commands;
    }

    /** {@code value} is a percentage for PERCENT and a number of cents for AMOUNT. */
    public record DiscountRequest(@NotNull DiscountKind kind,
                                  @NotNull @Positive @Digits(integer = 9, fraction = 2) BigDecimal value,
                                  @NotBlank @Size(max = 500) String reason) {
    }

    public record SplitRequest(@NotNull SplitMode mode, @Min(1) @Max(50) Integer parts,
                               @Size(max = 50) List<@NotNull @Size(min = 1, max = 200) List<@NotNull UUID>> groups) {
    }

    public record PaymentRequest(UUID paymentId, UUID checkId, @NotNull PaymentMethod method,
                                 @NotNull @Positive @Digits(integer = 9, fraction = 0)
                                 @DecimalMax("100000000") BigDecimal amountCents,
                                 @PositiveOrZero @Digits(integer = 9, fraction = 0)
                                 @DecimalMax("100000000") BigDecimal tipCents) {
    }

    public record ReasonRequest(@NotBlank @Size(max = 500) String reason) {
    }

    public record CheckAnswer(String checkId, long totalCents) {
    }

    public record SplitAnswer(List<CheckAnswer> checks) {
    }

    public record PaymentAnswer(String paymentId, long balanceCents) {
    }

    @PostMapping("/discounts")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasRole('MANAGER')")
    public void discount(@PathVariable UUID billId, @Valid @RequestBody DiscountRequest request) {
        commands.sendAndWait(new GrantDiscount(BillId.of(billId), request.kind(), request.value(), request.reason()));
    }

    @PostMapping("/split")
    @PreAuthorize("hasAnyRole('STAFF', 'MANAGER')")
    public SplitAnswer split(@PathVariable UUID billId, @Valid @RequestBody SplitRequest request) {
        List<List<LineId>> groups = request.groups() == null ? null
                : request.groups().stream().map(group -> group.stream().map(LineId::of).toList()).toList();
        List<BillCheck> checks = commands.sendAndWait(
                new SplitBill(BillId.of(billId), request.mode(), request.parts(), groups));
        return new SplitAnswer(checks.stream()
                .map(check -> new CheckAnswer(check.checkId().toString(), check.total().cents())).toList());
    }

    @PostMapping("/payments")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('STAFF', 'MANAGER')")
    public PaymentAnswer pay(@PathVariable UUID billId, @Valid @RequestBody PaymentRequest request) {
        PaymentId paymentId = request.paymentId() == null ? PaymentId.random() : PaymentId.of(request.paymentId());
        PaymentReceipt receipt = commands.sendAndWait(new RecordPayment(BillId.of(billId), paymentId,
                request.checkId() == null ? null : CheckId.of(request.checkId()), request.method(),
                Money.ofCents(request.amountCents().longValueExact()),
                request.tipCents() == null ? Money.ZERO : Money.ofCents(request.tipCents().longValueExact())));
        return new PaymentAnswer(receipt.paymentId().toString(), receipt.balance().cents());
    }

    @PostMapping("/payments/{paymentId}/refund")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasRole('MANAGER')")
    public void refund(@PathVariable UUID billId, @PathVariable UUID paymentId,
                       @Valid @RequestBody ReasonRequest request) {
        commands.sendAndWait(new RefundPayment(BillId.of(billId), PaymentId.of(paymentId), request.reason()));
    }

    @PostMapping("/void")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasRole('MANAGER')")
    public void voidBill(@PathVariable UUID billId, @Valid @RequestBody ReasonRequest request) {
        commands.sendAndWait(new VoidBill(BillId.of(billId), request.reason()));
    }
}
