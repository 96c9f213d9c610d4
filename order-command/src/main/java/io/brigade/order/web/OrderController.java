package io.brigade.order.web;

import io.brigade.contracts.catalog.MenuItemId;
import io.brigade.contracts.catalog.ModifierId;
import io.brigade.contracts.catalog.TableId;
import io.brigade.contracts.order.AddOrderLine;
import io.brigade.contracts.order.CancelOrder;
import io.brigade.contracts.order.LineId;
import io.brigade.contracts.order.OpenOrder;
import io.brigade.contracts.order.OrderId;
import io.brigade.contracts.order.RemoveOrderLine;
import io.brigade.contracts.order.RequestBill;
import io.brigade.contracts.order.SendOrderLines;
import io.brigade.contracts.order.ServeOrderLines;
import io.brigade.contracts.order.TransferOrder;
import io.brigade.contracts.order.VoidOrderLine;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Translates docs/api.md's Orders section into commands for the {@code Order} aggregate. */
@RestController
@RequestMapping("/api/v1/orders")
@PreAuthorize("hasAnyRole('STAFF', 'MANAGER')")
public class OrderController {

    private final CommandGateway commands;

    public OrderController(CommandGateway commands) {
        this.commands = commands;
    }

    public record OpenOrderRequest(UUID orderId, @NotNull UUID tableId, @NotNull @Min(1) @Max(100) Integer guests) {
    }

    public record AddLineRequest(UUID lineId, @NotNull UUID menuItemId, @NotNull @Min(1) @Max(99) Integer quantity,
                                 @Size(max = 20) List<@NotNull UUID> modifierIds, @Min(1) @Max(100) Integer seat,
                                 @Min(1) @Max(20) Integer course, @Size(max = 500) String notes) {
    }

    public record ReasonRequest(@NotBlank @Size(max = 500) String reason) {
    }

    public record SendRequest(@Min(1) @Max(20) Integer course) {
    }

    public record ServeRequest(@Size(max = 200) List<@NotNull UUID> lineIds) {
    }

    public record TransferRequest(@NotNull UUID tableId) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public Map<String, String> open(@Valid @RequestBody OpenOrderRequest request) {
        OrderId orderId = request.orderId() == null ? OrderId.random() : OrderId.of(request.orderId());
        commands.sendAndWait(new OpenOrder(orderId, TableId.of(request.tableId()), request.guests()));
        return Map.of("orderId", orderId.toString());
    }

    @PostMapping("/{id}/lines")
    @ResponseStatus(HttpStatus.CREATED)
    public Map<String, String> addLine(@PathVariable UUID id, @Valid @RequestBody AddLineRequest request) {
        LineId lineId = request.lineId() == null ? LineId.random() : LineId.of(request.lineId());
        List<ModifierId> modifiers = request.modifierIds() == null ? List.of()
                : request.modifierIds().stream().map(ModifierId::of).toList();
        commands.sendAndWait(new AddOrderLine(OrderId.of(id), lineId, MenuItemId.of(request.menuItemId()),
                request.quantity(), modifiers, request.seat(), request.course(), request.notes()));
        return Map.of("lineId", lineId.toString());
    }

    @DeleteMapping("/{id}/lines/{lineId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void removeLine(@PathVariable UUID id, @PathVariable UUID lineId) {
        commands.sendAndWait(new RemoveOrderLine(OrderId.of(id), LineId.of(lineId)));
    }

    @PostMapping("/{id}/lines/{lineId}/void")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasRole('MANAGER')")
    public void voidLine(@PathVariable UUID id, @PathVariable UUID lineId, @Valid @RequestBody ReasonRequest request) {
        commands.sendAndWait(new VoidOrderLine(OrderId.of(id), LineId.of(lineId), request.reason()));
    }

    @PostMapping("/{id}/send")
    public Map<String, Integer> send(@PathVariable UUID id, @Valid @RequestBody(required = false) SendRequest request) {
        Integer course = request == null ? null : request.course();
        int sent = commands.sendAndWait(new SendOrderLines(OrderId.of(id), course));
        return Map.of("sentLines", sent);
    }

    @PostMapping("/{id}/serve")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void serve(@PathVariable UUID id, @Valid @RequestBody(required = false) ServeRequest request) {
        List<LineId> lineIds = request == null || request.lineIds() == null ? List.of()
                : request.lineIds().stream().map(LineId::of).toList();
        commands.sendAndWait(new ServeOrderLines(OrderId.of(id), lineIds));
    }

    @PostMapping("/{id}/transfer")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void transfer(@PathVariable UUID id, @Valid @RequestBody TransferRequest request) {
        commands.sendAndWait(new TransferOrder(OrderId.of(id), TableId.of(request.tableId())));
    }

    @PostMapping("/{id}/bill")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public void requestBill(@PathVariable UUID id) {
        commands.sendAndWait(new RequestBill(OrderId.of(id)));
    }

    @PostMapping("/{id}/cancel")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void cancel(@PathVariable UUID id, @Valid @RequestBody ReasonRequest request) {
        commands.sendAndWait(new CancelOrder(OrderId.of(id), request.reason()));
    }
}
