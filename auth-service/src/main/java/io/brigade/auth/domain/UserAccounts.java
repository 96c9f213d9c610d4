package io.brigade.auth.domain;

import io.brigade.contracts.auth.UserDeactivated;
import io.brigade.contracts.auth.UserId;
import io.brigade.contracts.auth.UserPasswordChanged;
import io.brigade.contracts.auth.UserReactivated;
import io.brigade.contracts.auth.UserRegistered;
import io.brigade.contracts.auth.UserRenamed;
import io.brigade.contracts.auth.UserRoleChanged;
import io.brigade.auth.token.RefreshTokens;
import io.brigade.platform.problem.ConflictException;
import io.brigade.platform.problem.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Registers and changes user accounts, each change with its event. Ending a user's sessions (deactivation, a new role
 * or a new password) revokes every refresh token they hold; every service refuses their access tokens once it has
 * read the event (see the platform's {@code EndedSessions}). The last active administrator can be neither
 * deactivated nor demoted, so someone can always manage users.
 */
@Service
public class UserAccounts {

    private final UserRepository users;
    private final PasswordPolicy policy;
    private final PasswordHashing hashing;
    private final UserEvents events;
    private final RefreshTokens refreshTokens;
    private final Clock clock;

    public UserAccounts(UserRepository users, PasswordPolicy policy, PasswordHashing hashing, UserEvents events,
                        RefreshTokens refreshTokens, Clock clock) {
        this.users = users;
        this.policy = policy;
        this.hashing = hashing;
        this.events = events;
        this.refreshTokens = refreshTokens;
        this.clock = clock;
    }

    public record Changes(String fullName, String role, Boolean active, String password) {
    }

    @Transactional
    public User register(UUID id, String username, String password, String fullName, String role) {
        policy.check(username, password);
        if (users.findByUsername(username).isPresent()) {
            throw new ConflictException("The username " + username + " is taken");
        }
        User user = users.save(new User(id, username, hashing.hash(password), fullName, role, clock.instant()));
        events.publish(user, new UserRegistered(UserId.of(user.id()), user.username(), user.fullName(), user.role(),
                user.active()));
        return user;
    }

    @Transactional
    public User change(UUID id, Changes changes) {
        User user = users.findById(id).orElseThrow(() -> new NotFoundException("No user " + id));
        if (changes.password() != null) {
            policy.check(user.username(), changes.password());
        }
        boolean demotesAdmin = user.role().equals("ADMIN") && user.active()
                && ((changes.role() != null && !changes.role().equals("ADMIN"))
                || Boolean.FALSE.equals(changes.active()));
        if (demotesAdmin && users.countActiveAdmins() <= 1) {
            throw new ConflictException("This is the last active administrator");
        }
        Instant now = clock.instant();
        UserId userId = UserId.of(user.id());
        boolean endSessions = false;
        if (changes.fullName() != null && !changes.fullName().equals(user.fullName())) {
            user.rename(changes.fullName(), now);
            events.publish(user, new UserRenamed(userId, user.username(), user.fullName()));
        }
        if (changes.role() != null && !changes.role().equals(user.role())) {
            String previous = user.role();
            user.changeRole(changes.role(), now);
            events.publish(user, new UserRoleChanged(userId, user.username(), previous, user.role()));
            endSessions = true;
        }
        if (changes.active() != null && changes.active() != user.active()) {
            user.setActive(changes.active(), now);
            events.publish(user, changes.active() ? new UserReactivated(userId, user.username())
                    : new UserDeactivated(userId, user.username()));
            endSessions |= !changes.active();
        }
        if (changes.password() != null) {
            user.changePasswordHash(hashing.hash(changes.password()), now);
            events.publish(user, new UserPasswordChanged(userId, user.username()));
            endSessions = true;
        }
        if (endSessions) {
            refreshTokens.endAllLogins(user.id());
        }
        return user;
    }

    @Transactional(readOnly = true)
    public List<User> all() {
        return users.findAllByUsername();
    }

    @Transactional(readOnly = true)
    public User get(UUID id) {
        return users.findById(id).orElseThrow(() -> new NotFoundException("No user " + id));
    }

    @Transactional(readOnly = true)
    public boolean noneYet() {
        return users.count() == 0;
    }

    @Transactional(readOnly = true)
    public boolean exists(String username) {
        return users.findByUsername(username).isPresent();
    }
}
