package io.brigade.platform.problem;

import org.axonframework.commandhandling.CommandExecutionException;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

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
}
