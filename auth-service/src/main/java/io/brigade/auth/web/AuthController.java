package io.brigade.auth.web;

import io.brigade.auth.domain.UserAccounts;
import io.brigade.auth.login.Logins;
import io.brigade.auth.token.AccessTokens;
import io.brigade.auth.token.SigningKeys;
import io.brigade.platform.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** Login, refresh, logout, the caller's profile and the public signing keys (docs/api.md, Auth). */
@RestController
@RequestMapping("/api/v1/auth")
public class AuthController {

    private final Logins logins;
    private final UserAccounts accounts;
    private final AccessTokens accessTokens;
    private final SigningKeys keys;

    public AuthController(Logins logins, UserAccounts accounts, AccessTokens accessTokens, SigningKeys keys) {
        this.logins = logins;
        this.accounts = accounts;
        this.accessTokens = accessTokens;
        this.keys = keys;
    }

    public record LoginRequest(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 512) String password) {
    }

    public record RefreshRequest(@NotBlank @Size(max = 128) String refreshToken) {
    }

    public record TokenResponse(String accessToken, String refreshToken, String tokenType, long expiresIn,
                                UserView user) {
    }

    @PostMapping("/login")
    public TokenResponse login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        return answer(logins.login(request.username(), request.password(), http.getRemoteAddr()));
    }

    @PostMapping("/refresh")
    public TokenResponse refresh(@Valid @RequestBody RefreshRequest request) {
        return answer(logins.refresh(request.refreshToken()));
    }

    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void logout(@Valid @RequestBody RefreshRequest request) {
        logins.logout(request.refreshToken(), UUID.fromString(Caller.current().orElseThrow().userId()));
    }

    @GetMapping("/profile")
    public UserView profile() {
        return UserView.of(accounts.get(UUID.fromString(Caller.current().orElseThrow().userId())));
    }

    @GetMapping("/.well-known/jwks.json")
    public ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .body(keys.published().toJSONObject(true));
    }

    private TokenResponse answer(Logins.Session session) {
        return new TokenResponse(session.accessToken(), session.refreshToken(), "Bearer",
                accessTokens.lifetime().toSeconds(), UserView.of(session.user()));
    }
}
