package io.brigade.catalog.web;

import io.brigade.catalog.query.Floor;
import io.brigade.catalog.query.TableView;
import io.brigade.contracts.catalog.AddTable;
import io.brigade.contracts.catalog.TableId;
import io.brigade.platform.problem.NotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** docs/api.md's tables: the floor plan with each table's state, new tables, and the QR code that opens a table. */
@RestController
@RequestMapping("/api/v1/tables")
public class TablesController {

    private final CommandGateway commands;
    private final Floor floor;
    private final TableQrCodes qrCodes;

    public TablesController(CommandGateway commands, Floor floor, TableQrCodes qrCodes) {
        this.commands = commands;
        this.floor = floor;
        this.qrCodes = qrCodes;
    }

    public record TableRequest(@NotNull @Min(1) @Max(9999) Integer number, @NotNull @Min(1) @Max(100) Integer seats,
                               @Size(max = 60) String zone) {
    }

    @GetMapping
    public List<TableView> tables() {
        return floor.tables();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('MANAGER')")
    public TableView addTable(@Valid @RequestBody TableRequest request) {
        TableId id = TableId.random();
        String zone = request.zone() == null || request.zone().isBlank() ? null : request.zone().trim();
        commands.sendAndWait(new AddTable(id, request.number(), request.seats(), zone));
        return floor.table(id.value()).orElseThrow();
    }

    @GetMapping("/{id}/qr")
    public ResponseEntity<byte[]> qrCode(@PathVariable UUID id) {
        TableView table = floor.table(id).orElseThrow(() -> new NotFoundException("No table " + id));
        return ResponseEntity.ok()
                .contentType(MediaType.IMAGE_PNG)
                .cacheControl(CacheControl.maxAge(Duration.ofDays(1)))
                .body(qrCodes.png(table));
    }
}
