package io.brigade.audit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MerkleTreeTest {

    private static List<String> eventHashes(int count) {
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            hashes.add(Sha256.hex(Sha256.digest(("event " + i).getBytes(StandardCharsets.UTF_8))));
        }
        return hashes;
    }

    /** RFC 6962's MTH as the RFC writes it, recursively: the definition the incremental tree must agree with. */
    private static byte[] rfc6962(List<String> leaves) {
        if (leaves.isEmpty()) {
            return Sha256.digest();
        }
        if (leaves.size() == 1) {
            return Sha256.digest(new byte[]{0}, Sha256.fromHex(leaves.get(0)));
        }
        int split = Integer.highestOneBit(leaves.size() - 1);
        return Sha256.digest(new byte[]{1}, rfc6962(leaves.subList(0, split)),
                rfc6962(leaves.subList(split, leaves.size())));
    }

    @Test
    @DisplayName("A tree restored from its frontier has the same root, and grows to the roots RFC 6962 defines")
    void givenAnyTree_whenRestoredFromItsFrontierAndGrown_thenItsRootsAreRfc6962s() {
        List<String> hashes = eventHashes(100);
        for (int size = 0; size <= 70; size++) {
            MerkleTree folded = new MerkleTree();
            hashes.subList(0, size).forEach(folded::add);
            assertThat(folded.frontier()).hasSize(Long.bitCount(size));

            MerkleTree restored = MerkleTree.restore(size, folded.frontier());
            assertThat(restored.size()).isEqualTo(size);
            assertThat(restored.root()).as("size %d", size).isEqualTo(folded.root())
                    .isEqualTo(Sha256.hex(rfc6962(hashes.subList(0, size))));
            for (int more = size; more < size + 30; more++) {
                restored.add(hashes.get(more));
                assertThat(restored.root()).as("size %d grown to %d", size, more + 1)
                        .isEqualTo(Sha256.hex(rfc6962(hashes.subList(0, more + 1))));
            }
            assertThat(restored.size()).isEqualTo(size + 30);
        }
    }

    @Test
    @DisplayName("A frontier that cannot belong to a tree of the given size is refused")
    void givenAFrontierOfTheWrongShape_whenRestored_thenRefused() {
        MerkleTree five = new MerkleTree();
        eventHashes(5).forEach(five::add);
        List<String> frontier = five.frontier();
        assertThat(frontier).hasSize(2);

        assertThatThrownBy(() -> MerkleTree.restore(7, frontier)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has 3 complete subtrees, not 2");
        assertThatThrownBy(() -> MerkleTree.restore(-1, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleTree.restore(5, Arrays.asList(frontier.get(0), "not a hash")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64 lowercase hex digits");
    }
}
