package io.brigade.audit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The worked examples of docs/audit-hashing.md, whose expected values were computed independently (Python). */
class AuditHashingDocumentTest {

    static final String ORDER = "c0000000-0000-4000-8000-000000000001";
    static final String FIRST_HASH = "0af17041e9c058b1c88a18f2eb8ed7deee18bd77b0fc54e6f0ffa50a427374c2";
    static final String SECOND_HASH = "8bdb96a26e2ffc6d5b9097721e8fe29c496744fc6d220b3e493aa8e9f5829186";

    static EventHash.Content opened() {
        return new EventHash.Content(EventHash.GENESIS, "e0000000-0000-4000-8000-000000000001", "Order", ORDER, 0,
                "io.brigade.contracts.order.OrderOpened", "2026-11-30T19:30:00.250Z",
                CanonicalJson.parse("{\"orderId\": \"" + ORDER + "\", \"tableId\": "
                        + "\"b0000000-0000-4000-8000-000000000004\", \"tableNumber\": 4, \"guests\": 2}"),
                "d0000000-0000-4000-8000-000000000003", "waiter", "STAFF");
    }

    static EventHash.Content lineAdded() {
        return new EventHash.Content(FIRST_HASH, "e0000000-0000-4000-8000-000000000002", "Order", ORDER, 1,
                "io.brigade.contracts.order.OrderLineAdded", "2026-11-30T19:31:12.007Z",
                CanonicalJson.parse("{\"orderId\":\"" + ORDER + "\",\"lineId\":\"10000000-0000-4000-8000-000000000001\","
                        + "\"name\":\"Crème brûlée \\\"maison\\\"\",\"quantity\":2,\"unitPrice\":{\"cents\":850}}"),
                "d0000000-0000-4000-8000-000000000003", "waiter", "STAFF");
    }

    @Test
    @DisplayName("The first event of an order hashes its canonical form after the genesis hash")
    void firstEventOfTheWorkedExample() {
        assertThat(EventHash.canonicalForm(opened())).isEqualTo("{\"aggregateId\":\"" + ORDER + "\","
                + "\"aggregateType\":\"Order\",\"eventId\":\"e0000000-0000-4000-8000-000000000001\","
                + "\"payload\":{\"guests\":2,\"orderId\":\"" + ORDER + "\","
                + "\"tableId\":\"b0000000-0000-4000-8000-000000000004\",\"tableNumber\":4},"
                + "\"previousHash\":\"" + EventHash.GENESIS + "\",\"sequence\":0,"
                + "\"timestamp\":\"2026-11-30T19:30:00.250Z\",\"type\":\"io.brigade.contracts.order.OrderOpened\","
                + "\"who\":{\"role\":\"STAFF\",\"userId\":\"d0000000-0000-4000-8000-000000000003\","
                + "\"username\":\"waiter\"}}");
        assertThat(EventHash.hash(opened())).isEqualTo(FIRST_HASH);
    }

    @Test
    @DisplayName("The second event follows the first one's hash; non-ASCII text stays UTF-8, quotes are escaped")
    void secondEventOfTheWorkedExample() {
        assertThat(EventHash.canonicalForm(lineAdded()))
                .contains("\"name\":\"Crème brûlée \\\"maison\\\"\"")
                .contains("\"previousHash\":\"" + FIRST_HASH + "\"");
        assertThat(EventHash.hash(lineAdded())).isEqualTo(SECOND_HASH);
    }

    @Test
    @DisplayName("Timestamps are hashed in UTC at millisecond precision, whatever precision the clock gave")
    void timestampsAtMillisecondPrecision() {
        assertThat(EventHash.timestamp("2026-11-30T19:30:00.250987654Z")).isEqualTo("2026-11-30T19:30:00.250Z");
        assertThat(EventHash.timestamp("2026-11-30T20:30:00+01:00")).isEqualTo("2026-11-30T19:30:00.000Z");
    }

    @Test
    @DisplayName("Merkle roots are RFC 6962's over the events' 32-byte hashes")
    void merkleRootsOfTheWorkedExample() {
        MerkleTree tree = new MerkleTree();
        assertThat(tree.root()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        tree.add(FIRST_HASH);
        assertThat(tree.root()).isEqualTo("92502ee2d5ca666536acd2e81f97c106d6bc9a84358e65cc06e50d24841f9c95");
        tree.add(SECOND_HASH);
        assertThat(tree.root()).isEqualTo("de3f3ae980d56ca4b46f5371e76a72dff11b0012a6c98a225a3ff17b6cd1607b");

        MerkleTree seven = new MerkleTree();
        for (int i = 0; i < 7; i++) {
            seven.add(Sha256.hex(Sha256.digest(String.valueOf(i).getBytes())));
        }
        assertThat(seven.root()).isEqualTo("5653c4ab2514ccd6ea4f0159702d2aba901f2562aa75abcff5a19e344bee038f");
    }

    @Test
    @DisplayName("The incremental Merkle tree gives the recursive definition's root at every size")
    void incrementalTreeAgreesWithTheDefinition() {
        MerkleTree tree = new MerkleTree();
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            String hash = Sha256.hex(Sha256.digest(new byte[]{(byte) i}));
            tree.add(hash);
            hashes.add(hash);
            assertThat(tree.root()).isEqualTo(Sha256.hex(definition(hashes)));
        }
    }

    private static byte[] definition(List<String> hashes) {
        if (hashes.size() == 1) {
            return Sha256.digest(new byte[]{0}, Sha256.fromHex(hashes.get(0)));
        }
        int k = 1;
        while (k * 2 < hashes.size()) {
            k *= 2;
        }
        return Sha256.digest(new byte[]{1}, definition(hashes.subList(0, k)),
                definition(hashes.subList(k, hashes.size())));
    }

    @Test
    @DisplayName("RFC 8785: members sorted by UTF-16 code units, numbers as ECMAScript writes them")
    void canonicalJsonFollowsRfc8785() {
        assertThat(CanonicalJson.canonicalize(CanonicalJson.parse(
                "{\"€\":1,\"\\r\":2,\"1\":3,\"\uD83D\uDE00\":4,\"\u0080\":5,\"ö\":6}")))
                .isEqualTo("{\"\\r\":2,\"1\":3,\"\u0080\":5,\"ö\":6,\"€\":1,\"\uD83D\uDE00\":4}");
        assertThat(CanonicalJson.canonicalize(CanonicalJson.parse(
                "{\"numbers\":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001,-0,100]}")))
                .isEqualTo("{\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27,0,100]}");
        assertThat(CanonicalJson.canonicalize(CanonicalJson.parse("\"\\u0001\\u001f\\\"\\\\/\\u00e9\"")))
                .isEqualTo("\"\\u0001\\u001f\\\"\\\\/é\"");
        assertThat(CanonicalJson.ecmaScript(new BigDecimal("1e21"))).isEqualTo("1e+21");
        assertThat(CanonicalJson.ecmaScript(new BigDecimal("123456789012345680000"))).isEqualTo("123456789012345680000");
        assertThat(CanonicalJson.ecmaScript(new BigDecimal("0.000001"))).isEqualTo("0.000001");
        assertThat(CanonicalJson.ecmaScript(new BigDecimal("0.0000001"))).isEqualTo("1e-7");
    }

    @Test
    @DisplayName("JSON that has no single canonical form is refused rather than guessed at")
    void ambiguousJsonIsRefused() {
        assertThatThrownBy(() -> CanonicalJson.parse("{\"a\":1,\"a\":2}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.canonicalize(CanonicalJson.parse("9007199254740993")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
