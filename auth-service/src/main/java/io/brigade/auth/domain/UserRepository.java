package io.brigade.auth.domain;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface UserRepository extends JpaRepository<User, UUID> {

    @Query("select u from User u where lower(u.username) = lower(?1)")
    Optional<User> findByUsername(String username);

    @Query("select u from User u order by lower(u.username)")
    List<User> findAllByUsername();

    @Query("select count(u) from User u where u.role = 'ADMIN' and u.active = true")
    long countActiveAdmins();
}
