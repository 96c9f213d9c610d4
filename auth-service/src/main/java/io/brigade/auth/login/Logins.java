package io.brigade.auth.login;

import io.brigade.auth.domain.PasswordHashing;
import io.brigade.auth.domain.User;
import io.brigade.auth.domain.UserRepository;
import io.brigade.auth.token.AccessTokens;
import io.brigade.auth.token.RefreshTokens;
import io.brigade.platform.problem.UnauthenticatedException;
import org.springframework.stereotype.Service;

import java.util.Optional;
import java.util.UUID;

/**
 * Signs people in and keeps them signed in: a correct password (within the failed-login limits) starts a login with
 * an access token and a refresh token; a refresh exchanges the refresh token for a new pair while the user is still
 * active; logout ends the login.
 */
@Service
public class Logins {

    private final UserRepository users;
    private final PasswordHashing hashing;
    private final LoginThrottle throttle;
    private final AccessTokens accessTokens;
    private final RefreshTokens refreshTokens;

    public Logins(UserRepository users, PasswordHashing hashing, LoginThrottle throttle, AccessTokens accessTokens,
                  RefreshTokens refreshTokens) {
        this.users = users;
        this.hashing = hashing;
        this.throttle = throttle;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
    }

    public record Session(User user, String accessToken, String refreshToken) {
    }

    public Session login(String username, String password, String address) {
        throttle.checkAllowed(username, address);
        Optional<User> found = users.findByUsername(username);
        boolean correct = found.isPresent()
                ? hashing.matches(password, found.get().passwordHash())
                : spendTimeAndFail(password);
        if (!correct || !found.get().active()) {
            throttle.recordFailure(username, address);
            throw new UnauthenticatedException("Wrong username or password");
        }
        User user = found.get();
        throttle.recordSuccess(username, address);
        return new Session(user, accessTokens.issue(user), refreshTokens.startLogin(user.id()));
    }

    public Session refresh(String refreshToken) {
        RefreshTokens.Exchange exchange = refreshTokens.exchange(refreshToken);
        if (exchange instanceof RefreshTokens.Exchange.Refused refused) {
            throw new UnauthenticatedException(refused.reason());
        }
        RefreshTokens.Exchange.Rotated rotated = (RefreshTokens.Exchange.Rotated) exchange;
        User user = users.findById(rotated.userId()).filter(User::active).orElse(null);
        if (user == null) {
            refreshTokens.endLoginOf(rotated.refreshToken());
            throw new UnauthenticatedException("This account can no longer sign in");
        }
        return new Session(user, accessTokens.issue(user), rotated.refreshToken());
    }

    public void logout(String refreshToken, UUID userId) {
        refreshTokens.endLogin(refreshToken, userId);
    }

    private boolean spendTimeAndFail(String password) {
        hashing.matchNothing(password);
        return false;
    }
}
