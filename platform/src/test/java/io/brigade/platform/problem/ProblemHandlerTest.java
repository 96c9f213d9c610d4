package io.brigade.platform.problem;

import org.axonframework.commandhandling.CommandExecutionException;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.hibernate.exception.GenericJDBCException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.orm.jpa.JpaSystemException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProblemHandlerTest {

    private final ProblemHandler problems = new ProblemHandler();

    @Test
    void noDatabaseConnectionInTimeIs503WithRetryAfter_notA500() throws Exception {
        var busy = new CannotCreateTransactionException("Could not open JPA EntityManager for transaction",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available"));

        ResponseEntity<ProblemDetail> direct = problems.databaseUnavailable(busy);
        ResponseEntity<ProblemDetail> throughACommand = problems.commandFailed(
                new CommandExecutionException("failed", busy));

        for (ResponseEntity<ProblemDetail> answer : java.util.List.of(direct, throughACommand)) {
            assertThat(answer.getStatusCode().value()).isEqualTo(503);
            assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("2");
            assertThat(answer.getBody().getDetail()).doesNotContain("Hikari", "JPA");
        }
    }

    @Test
    void aDatabaseThatWentAwayDuringTheCommandIs503_notA500_andAnyOtherDataFailureStaysAFailure() throws Exception {
        var lost = new JpaSystemException(new GenericJDBCException("Unable to rollback against JDBC Connection",
                new SQLException("FATAL: terminating connection due to unexpected postmaster exit", "57P01")));
        var closed = new TransactionSystemException("Could not commit JPA transaction",
                new SQLException("Connection is closed", "08003"));

        for (Exception failure : java.util.List.of(lost, closed)) {
            ResponseEntity<ProblemDetail> direct = problems.databaseFailed(failure);
            ResponseEntity<ProblemDetail> throughACommand = problems.commandFailed(
                    new CommandExecutionException("failed", failure));
            for (ResponseEntity<ProblemDetail> answer : java.util.List.of(direct, throughACommand)) {
                assertThat(answer.getStatusCode().value()).isEqualTo(503);
                assertThat(answer.getHeaders().getFirst("Retry-After")).isNotNull();
                assertThat(answer.getBody().getDetail()).doesNotContain("JDBC", "postmaster", "SQL");
            }
        }

        var refusedByAConstraint = new DataIntegrityViolationException("duplicate key",
                new SQLException("duplicate key value violates unique constraint", "23505"));
        assertThatThrownBy(() -> problems.databaseFailed(refusedByAConstraint)).isSameAs(refusedByAConstraint);
    }
}
