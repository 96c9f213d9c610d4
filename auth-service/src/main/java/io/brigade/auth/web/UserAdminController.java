package io.brigade.auth.web;

import io.brigade.auth.domain.UserAccounts;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

/** Administrators register users, list them, and change their name, role, password or whether they may sign in. */
@RestController
@RequestMapping("/api/v1/auth")
@PreAuthorize("hasRole('ADMIN')")
public class UserAdminController {

    private static final String ROLES = "ADMIN|MANAGER|STAFF|KITCHEN|AUDITOR";

    private final UserAccounts accounts;

    public UserAdminController(UserAccounts accounts) {
        this.accounts = accounts;
    }

    public record RegisterRequest(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{3,64}",
                    message = "3 to 64 letters, digits, dots, dashes or underscores") String username,
            @NotNull @Size(min = 8, max = 128) String password,
            @NotBlank @Size(max = 200) String fullName,
            @NotNull @Pattern(regexp = ROLES, message = "one of " + ROLES) String role) {
    }

    public record ChangeRequest(@Size(max = 200) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
                                String fullName,
                                @Pattern(regexp = ROLES, message = "one of " + ROLES) String role,
                                Boolean active,
                                @Size(min = 8, max = 128) String password) {
    }

    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    public UserView register(@Valid @RequestBody RegisterRequest request) {
        return UserView.of(accounts.register(UUID.randomUUID(), request.username(), request.password(),
                request.fullName().strip(), request.role()));
    }

    @GetMapping("/users")
    public List<UserView> users() {
        return accounts.all().stream().map(UserView::of).toList();
    }

    @PatchMapping("/users/{id}")
    public UserView change(@PathVariable UUID id, @Valid @RequestBody ChangeRequest request) {
        return UserView.of(accounts.change(id, new UserAccounts.Changes(
                request.fullName() == null ? null : request.fullName().strip(), request.role(), request.active(),
                request.password())));
    }
}
