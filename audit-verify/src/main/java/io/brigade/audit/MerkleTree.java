package io.brigade.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * The Merkle tree hash of RFC 6962 (section 2.1) over a growing list of event hashes, kept as the roots of its
 * perfect subtrees so that appending is cheap and a store of any size is folded in one pass: a leaf is
 * SHA-256(0x00 || the event's 32-byte hash), an inner node SHA-256(0x01 || left || right), the empty tree
 * SHA-256 of nothing.
 */
public final class MerkleTree {

    private static final byte[] LEAF = {0};
    private static final byte[] NODE = {1};

    private final List<byte[]> peaks = new ArrayList<>();
    private final List<Long> peakSizes = new ArrayList<>();
    private long size;

    public void add(String eventHash) {
        byte[] node = Sha256.digest(LEAF, Sha256.fromHex(eventHash));
        long nodeSize = 1;
        while (!peaks.isEmpty() && peakSizes.get(peakSizes.size() - 1) == nodeSize) {
            byte[] left = peaks.remove(peaks.size() - 1);
            peakSizes.remove(peakSizes.size() - 1);
            node = Sha256.digest(NODE, left, node);
            nodeSize *= 2;
        }
        peaks.add(node);
        peakSizes.add(nodeSize);
        size++;
    }

    public long size() {
        return size;
    }

    public String root() {
        if (peaks.isEmpty()) {
            return Sha256.hex(Sha256.digest());
        }
        byte[] root = peaks.get(peaks.size() - 1);
        for (int i = peaks.size() - 2; i >= 0; i--) {
            root = Sha256.digest(NODE, peaks.get(i), root);
        }
        return Sha256.hex(root);
    }
}
