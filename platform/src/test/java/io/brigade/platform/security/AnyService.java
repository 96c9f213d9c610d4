package io.brigade.platform.security;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** A service as small as the platform allows: it only tells callers who they are, and has one managers-only path. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(AnyService.WhoAmIController.class)
class AnyService {

    @RestController
    static class WhoAmIController {

        @GetMapping("/api/v1/whoami")
        Caller whoAmI() {
            return Caller.current().orElseThrow();
        }

        @GetMapping("/api/v1/managers-only")
        @PreAuthorize("hasRole('MANAGER')")
        Map<String, String> managersOnly() {
            return Map.of("ok", "yes");
        }
    }
}
