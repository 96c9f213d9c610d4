package io.brigade.catalog.web;

import io.brigade.catalog.query.BillView;
import io.brigade.catalog.query.BillViewProjection;
import io.brigade.catalog.query.Floor;
import io.brigade.catalog.query.FloorRow;
import io.brigade.catalog.query.KitchenBoardProjection;
import io.brigade.catalog.query.OrderView;
import io.brigade.catalog.query.OrderViewProjection;
import io.brigade.catalog.query.TicketView;
import io.brigade.platform.problem.NotFoundException;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

/** docs/api.md's live views, read as they stand; the websocket pushes their changes. */
@RestController
@RequestMapping("/api/v1")
public class LiveViewsController {

    private final Floor floor;
    private final OrderViewProjection orders;
    private final KitchenBoardProjection kitchenBoard;
    private final BillViewProjection bills;

    public LiveViewsController(Floor floor, OrderViewProjection orders, KitchenBoardProjection kitchenBoard,
                               BillViewProjection bills) {
        this.floor = floor;
        this.orders = orders;
        this.kitchenBoard = kitchenBoard;
        this.bills = bills;
    }

    @GetMapping("/floor")
    @PreAuthorize("hasAnyRole('STAFF', 'MANAGER')")
    public List<FloorRow> floor() {
        return floor.rows();
    }

    @GetMapping("/orders")
    @PreAuthorize("hasAnyRole('STAFF', 'MANAGER')")
    public List<OrderView> orders(
            @RequestParam(required = false)
            @Pattern(regexp = "(OPEN|IN_KITCHEN|READY|SERVED|BILLED|CLOSED|CANCELLED)?") String status,
            @RequestParam(required = false) UUID tableId) {
        return orders.orders(anyWhenEmpty(status), tableId);
    }

    @GetMapping("/orders/{id}")
    @PreAuthorize("hasAnyRole('STAFF', 'MANAGER')")
    public OrderView order(@PathVariable UUID id) {
        return orders.order(id).orElseThrow(() -> new NotFoundException("No order " + id));
    }

    @GetMapping("/kitchen/board")
    @PreAuthorize("hasAnyRole('KITCHEN', 'MANAGER')")
    public List<TicketView> kitchenBoard(
            @RequestParam(required = false) @Size(max = 60) @Pattern(regexp = "[\\p{L}0-9 _-]*") String station) {
        return kitchenBoard.openTickets(anyWhenEmpty(station));
    }

    /** {@code ?status=} with nothing after it filters nothing, as if the parameter were not there. */
    private static String anyWhenEmpty(String filter) {
        return filter == null || filter.isBlank() ? null : filter;
    }

    @GetMapping("/bills/{id}")
    @PreAuthorize("hasAnyRole('STAFF', 'MANAGER')")
    public BillView bill(@PathVariable UUID id) {
        return bills.bill(id).orElseThrow(() -> new NotFoundException("No bill " + id));
    }

    @GetMapping("/bills")
    @PreAuthorize("hasAnyRole('STAFF', 'MANAGER')")
    public List<BillView> billsOfOrder(@RequestParam UUID orderId) {
        return bills.billsOfOrder(orderId);
    }
}
