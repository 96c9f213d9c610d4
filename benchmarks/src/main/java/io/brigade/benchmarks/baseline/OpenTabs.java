package io.brigade.benchmarks.baseline;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.UUID;

/** Which table has an open tab; a subscribing processor, so the insert commits or fails with the command. */
@Component
@ProcessingGroup(OpenTabs.GROUP)
public class OpenTabs {

    public static final String GROUP = "open-tabs";

    private final JdbcTemplate jdbc;

    public OpenTabs(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(TabOpened event) {
        jdbc.update("insert into open_tab (table_id, tab_id) values (?, ?)", UUID.fromString(event.tableId()),
                UUID.fromString(event.tabId()));
    }

    Optional<Integer> tableNumber(String tableId) {
        return jdbc.queryForList("select number from dining_table where id = ?", Integer.class,
                UUID.fromString(tableId)).stream().findFirst();
    }

    boolean isTaken(String tableId) {
        return !jdbc.queryForList("select tab_id from open_tab where table_id = ?", UUID.class,
                UUID.fromString(tableId)).isEmpty();
    }
}
