package io.brigade.reporting.audit;

import io.brigade.audit.Checkpoint;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.util.List;

/** {@code audit.audit_checkpoint}: every signed checkpoint of every service, kept once each. */
@Component
public class CheckpointTable {

    private static final RowMapper<Checkpoint> CHECKPOINT = (rs, n) -> new Checkpoint(rs.getString("service"),
            rs.getLong("up_to_global_index"), rs.getLong("events"), rs.getString("merkle_root"),
            rs.getString("signed_at"), rs.getString("key_id"), rs.getString("signature"));

    private final JdbcTemplate jdbc;

    public CheckpointTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(List<Checkpoint> checkpoints) {
        if (checkpoints.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("insert into audit.audit_checkpoint (service, up_to_global_index, events, merkle_root, "
                        + "signed_at, key_id, signature) values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing",
                checkpoints, checkpoints.size(), (statement, checkpoint) -> {
                    statement.setString(1, checkpoint.service());
                    statement.setLong(2, checkpoint.upToGlobalIndex());
                    statement.setLong(3, checkpoint.events());
                    statement.setString(4, checkpoint.merkleRoot());
                    statement.setString(5, checkpoint.signedAt());
                    statement.setString(6, checkpoint.keyId());
                    statement.setString(7, checkpoint.signature());
                });
    }

    /** A service's checkpoints (every service's when {@code service} is null), by service, oldest first. */
    public List<Checkpoint> of(String service) {
        return service == null
                ? jdbc.query("select * from audit.audit_checkpoint order by service, up_to_global_index, id",
                CHECKPOINT)
                : jdbc.query("select * from audit.audit_checkpoint where service = ? order by up_to_global_index, id",
                CHECKPOINT, service);
    }
}
