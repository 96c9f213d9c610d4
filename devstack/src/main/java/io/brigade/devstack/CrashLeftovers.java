package io.brigade.devstack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupsOptions;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.common.ConsumerGroupState;
import org.apache.kafka.common.KafkaFuture;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a devstack that ended without stopping (kill -9, a power cut) still holds in its own data: the event
 * processors' token claims, the deadlines its scheduler had picked, and its members of Kafka consumer groups. A
 * service waits for each to expire (the claim timeout, db-scheduler's dead-execution check, the consumer session
 * timeout), since a silent owner may be a live instance elsewhere. The devstack knows better while none of its
 * services runs: it is then the only user of its data folder, and releases them all before starting any service.
 */
final class CrashLeftovers {

    private static final long KAFKA_PATIENCE_SECONDS = 30;

    private CrashLeftovers() {
    }

    /** What was released, for the devstack to say. */
    record Released(int tokenClaims, int pickedDeadlines, int groupMembers) {

        boolean any() {
            return tokenClaims + pickedDeadlines + groupMembers > 0;
        }

        @Override
        public String toString() {
            return Stream.of(tokenClaims + " event processor claims", pickedDeadlines + " picked deadlines",
                    groupMembers + " consumer group members").filter(part -> !part.startsWith("0 "))
                    .collect(Collectors.joining(", "));
        }
    }

    /**
     * Releases every token claim and picked scheduled task in {@code databases} on {@code server} (those not created
     * yet are passed over), and removes every member of the consumer groups on the broker at {@code bootstrapServers}.
     * Only for a devstack that owns both and has started none of its services.
     */
    static Released release(Devstack.DatabaseServer server, List<String> databases, String bootstrapServers) {
        Released inDatabases = releaseInDatabases(server, databases);
        return new Released(inDatabases.tokenClaims(), inDatabases.pickedDeadlines(),
                releaseOnBroker(bootstrapServers).groupMembers());
    }

    /** The token claims and picked scheduled tasks of {@link #release}, before any service uses these databases. */
    static Released releaseInDatabases(Devstack.DatabaseServer server, List<String> databases) {
        int claims = 0;
        int deadlines = 0;
        for (String database : databases) {
            if (server.exists(database)) {
                try (Connection connection = DriverManager.getConnection(server.jdbcUrl(database), server.user(),
                        server.password()); Statement statement = connection.createStatement()) {
                    if (hasTable(statement, "token_entry")) {
                        claims += statement.executeUpdate(
                                "update token_entry set owner = null where owner is not null");
                    }
                    if (hasTable(statement, "scheduled_tasks")) {
                        // as db-scheduler revives a dead execution: due again at once, on whichever scheduler polls
                        deadlines += statement.executeUpdate("update scheduled_tasks set picked = false,"
                                + " picked_by = null, last_heartbeat = null, version = version + 1 where picked");
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException("Could not release what a stopped devstack held in " + database,
                            e);
                }
            }
        }
        return new Released(claims, deadlines, 0);
    }

    /** The consumer group members of {@link #release}, before any service joins a group on this broker. */
    static Released releaseOnBroker(String bootstrapServers) {
        return new Released(0, 0, removeGroupMembers(bootstrapServers));
    }

    private static boolean hasTable(Statement statement, String table) throws SQLException {
        try (ResultSet rs = statement.executeQuery("select to_regclass('public." + table + "') is not null")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    /**
     * Every consumer group with members: after a crash the broker reloads them as they were, and a new member of such
     * a group gets no partition until the old ones miss their session timeout (45 s by default).
     */
    private static int removeGroupMembers(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            List<String> groups = admin.listConsumerGroups(new ListConsumerGroupsOptions().inStates(Set.of(
                            ConsumerGroupState.STABLE, ConsumerGroupState.PREPARING_REBALANCE,
                            ConsumerGroupState.COMPLETING_REBALANCE)))
                    .all().get(KAFKA_PATIENCE_SECONDS, TimeUnit.SECONDS).stream()
                    .map(ConsumerGroupListing::groupId).toList();
            if (groups.isEmpty()) {
                return 0;
            }
            // every group's members at once: each removal waits on the group's coordinator
            Map<ConsumerGroupDescription, KafkaFuture<Void>> removals = new HashMap<>();
            for (ConsumerGroupDescription group : admin.describeConsumerGroups(groups).all()
                    .get(KAFKA_PATIENCE_SECONDS, TimeUnit.SECONDS).values()) {
                if (!group.members().isEmpty()) {
                    removals.put(group, admin.removeMembersFromConsumerGroup(group.groupId(),
                            new RemoveMembersFromConsumerGroupOptions()).all());
                }
            }
            int removed = 0;
            for (Map.Entry<ConsumerGroupDescription, KafkaFuture<Void>> removal : removals.entrySet()) {
                try {
                    removal.getValue().get(KAFKA_PATIENCE_SECONDS, TimeUnit.SECONDS);
                    removed += removal.getKey().members().size();
                } catch (ExecutionException e) {
                    // the members left meanwhile (their session ended): nothing is held any more
                }
            }
            return removed;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not remove the consumer group members of a stopped devstack", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
