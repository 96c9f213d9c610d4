package io.brigade.platform.jdbc;

import io.brigade.platform.test.TestInfrastructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Text holding NUL against a real PostgreSQL: refused as it is, stored with U+FFFD through the data source. */
class StorableTextDataSourceTest {

    private static DriverManagerDataSource postgres;

    @BeforeAll
    static void database() {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        postgres = new DriverManagerDataSource(infrastructure.newDatabase("storable_text"),
                infrastructure.postgresUser(), infrastructure.postgresPassword());
        new JdbcTemplate(postgres).execute("create table note (id int primary key, body varchar(100), tags text[])");
    }

    @Test
    void postgresRefusesNulInText() {
        assertThatThrownBy(() -> new JdbcTemplate(postgres).update("insert into note (id, body) values (1, ?)",
                "no\u0000salt")).isInstanceOf(DataAccessException.class);
    }

    @Test
    void throughTheDataSourceEveryBoundTextIsStoredWithTheReplacementCharacter() throws Exception {
        StorableTextDataSource storable = new StorableTextDataSource(postgres);
        JdbcTemplate jdbc = new JdbcTemplate(storable);

        jdbc.update("insert into note (id, body) values (2, ?)", "no\u0000salt");
        try (Connection connection = storable.getConnection();
             PreparedStatement insert = connection.prepareStatement("insert into note (id, body, tags) values (?, ?, ?)")) {
            insert.setInt(1, 3);
            insert.setObject(2, "\u0000");
            insert.setArray(3, connection.createArrayOf("text", new Object[]{"a\u0000b", "plain"}));
            insert.executeUpdate();
        }

        assertThat(jdbc.queryForObject("select body from note where id = 2", String.class)).isEqualTo("no\uFFFDsalt");
        assertThat(jdbc.queryForObject("select body from note where id = 3", String.class)).isEqualTo("\uFFFD");
        assertThat(jdbc.queryForList("select unnest(tags) from note where id = 3", String.class))
                .isEqualTo(List.of("a\uFFFDb", "plain"));
        assertThat(StorableTextDataSource.storable("nothing to replace")).isEqualTo("nothing to replace");
    }
}
