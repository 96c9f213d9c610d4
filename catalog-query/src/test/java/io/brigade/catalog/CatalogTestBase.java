package io.brigade.catalog;

import io.brigade.contracts.Topics;
import io.brigade.platform.demo.DemoData;
import io.brigade.platform.kafka.BrigadeKafkaProperties;
import io.brigade.platform.test.ApiClient;
import io.brigade.platform.test.ServiceIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/** The catalog service on its own, started as the demo restaurant, with a client per role. */
@ServiceIntegrationTest
@TestPropertySource(properties = "brigade.catalog.demo-restaurant=true")
public abstract class CatalogTestBase {

    protected static final DemoData DEMO = DemoData.load();

    @LocalServerPort
    protected int port;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected BrigadeKafkaProperties kafka;

    protected ApiClient anonymous;
    protected ApiClient manager;
    protected ApiClient waiter;
    protected ApiClient cook;

    @BeforeEach
    void clients() {
        anonymous = ApiClient.at("http://localhost:" + port);
        manager = anonymous.as("manager", "MANAGER");
        waiter = anonymous.as("waiter", "STAFF");
        cook = anonymous.as("cook", "KITCHEN");
    }

    protected String catalogTopic() {
        return kafka.topic(Topics.CATALOG_EVENTS);
    }

    protected long storedEvents() {
        return jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
    }
}
