package io.brigade.auth.token;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

interface RefreshTokenRepository extends JpaRepository<RefreshToken, UUID> {

    /** Locks the row, so two refreshes with the same token cannot both succeed. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select t from RefreshToken t where t.tokenHash = ?1")
    Optional<RefreshToken> findByHashForUpdate(String tokenHash);

    @Query("select t from RefreshToken t where t.tokenHash = ?1")
    Optional<RefreshToken> findByHash(String tokenHash);

    @Modifying
    @Query("update RefreshToken t set t.revokedAt = ?2 where t.familyId = ?1 and t.revokedAt is null")
    int revokeFamily(UUID familyId, Instant at);

    @Modifying
    @Query("update RefreshToken t set t.revokedAt = ?2 where t.userId = ?1 and t.revokedAt is null")
    int revokeAllOf(UUID userId, Instant at);

    @Modifying
    @Query("delete from RefreshToken t where t.expiresAt < ?1")
    int deleteExpiredBefore(Instant before);
}
