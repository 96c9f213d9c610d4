package io.brigade.auth.token;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.time.Instant;
import java.util.List;

interface SigningKeyRepository extends JpaRepository<SigningKey, String> {

    @Query("select k from SigningKey k where k.retiredAt is null order by k.createdAt desc")
    List<SigningKey> findActiveNewestFirst();

    /** The keys whose tokens may still be valid: the active ones and those retired after {@code retiredAfter}. */
    @Query("select k from SigningKey k where k.retiredAt is null or k.retiredAt > ?1 order by k.createdAt desc")
    List<SigningKey> findPublished(Instant retiredAfter);
}
