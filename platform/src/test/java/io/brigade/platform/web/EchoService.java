package io.brigade.platform.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

/** A service with one endpoint of every shape a Brigade request has: ids, whole numbers, enums, text and lists. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(EchoService.EchoController.class)
class EchoService {

    enum Method { CASH, CARD }

    record Line(@NotNull UUID itemId, @NotNull @Min(1) @Max(99) Integer quantity, @Size(max = 500) String notes,
                Method method, List<@NotNull UUID> modifierIds, boolean urgent) {
    }

    @RestController
    static class EchoController {

        @PostMapping("/api/v1/echo")
        Line echo(@Valid @RequestBody Line line) {
            return line;
        }

        @GetMapping("/api/v1/echo")
        List<String> search(@RequestParam(required = false) String q) {
            return q == null ? List.of() : List.of(q);
        }
    }
}
