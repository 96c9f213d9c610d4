package io.brigade.platform.audit;

import io.brigade.audit.Checkpoint;
import io.brigade.audit.Sha256;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The Merkle tree's frontier (the roots of its complete subtrees) stored with the newest checkpoint the service
 * published, in the service's own database: enough for the next start to go on from that checkpoint's position
 * instead of folding the whole store again.
 */
public class CheckpointFrontiers {

    private static final int HASH_BYTES = 32;

    private final JdbcTemplate jdbc;

    public CheckpointFrontiers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A signed checkpoint and the frontier of the tree it was taken from. */
    public record Stored(Checkpoint checkpoint, List<String> frontier) {
    }

    /** Replaces the service's stored frontier: the newest checkpoint published is the one to resume from. */
    public void save(Checkpoint checkpoint, List<String> frontier) {
        byte[] bytes = new byte[frontier.size() * HASH_BYTES];
        for (int i = 0; i < frontier.size(); i++) {
            System.arraycopy(Sha256.fromHex(frontier.get(i)), 0, bytes, i * HASH_BYTES, HASH_BYTES);
        }
        jdbc.update("insert into audit_checkpoint_frontier (service, up_to_global_index, events, merkle_root, "
                        + "signed_at, key_id, signature, frontier) values (?, ?, ?, ?, ?, ?, ?, ?) "
                        + "on conflict (service) do update set up_to_global_index = excluded.up_to_global_index, "
                        + "events = excluded.events, merkle_root = excluded.merkle_root, "
                        + "signed_at = excluded.signed_at, key_id = excluded.key_id, "
                        + "signature = excluded.signature, frontier = excluded.frontier",
                checkpoint.service(), checkpoint.upToGlobalIndex(), checkpoint.events(), checkpoint.merkleRoot(),
                checkpoint.signedAt(), checkpoint.keyId(), checkpoint.signature(), bytes);
    }

    public Optional<Stored> newest(String service) {
        return jdbc.query("select up_to_global_index, events, merkle_root, signed_at, key_id, signature, frontier "
                        + "from audit_checkpoint_frontier where service = ?",
                (rs, n) -> new Stored(new Checkpoint(service, rs.getLong("up_to_global_index"), rs.getLong("events"),
                        rs.getString("merkle_root"), rs.getString("signed_at"), rs.getString("key_id"),
                        rs.getString("signature")), hashes(rs.getBytes("frontier"))), service)
                .stream().findFirst();
    }

    /** Splits the column into hashes; a length that is no multiple of 32 leaves a short last one, which no tree takes. */
    private static List<String> hashes(byte[] bytes) {
        List<String> hashes = new ArrayList<>();
        for (int from = 0; from < bytes.length; from += HASH_BYTES) {
            hashes.add(Sha256.hex(Arrays.copyOfRange(bytes, from, Math.min(from + HASH_BYTES, bytes.length))));
        }
        return hashes;
    }
}
