package io.brigade.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * The Merkle tree hash of RFC 6962 (section 2.1) over a growing list of event hashes, kept as the roots of its
 * perfect subtrees so that appending is cheap and a store of any size is folded in one pass: a leaf is
 * SHA-256(0x00 || the event's 32-byte hash), an inner node SHA-256(0x01 || left || right), the empty tree
 * SHA-256 of nothing.
 * <p>
 * Those subtree roots (the frontier) and the size are all a tree needs to go on: {@link #restore} rebuilds it from
 * them, so a service resumes where its last checkpoint stopped instead of folding its store again.
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

    /**
     * The tree of {@code size} leaves whose frontier is {@code frontier}, as {@link #frontier()} gave it.
     *
     * @throws IllegalArgumentException when the frontier cannot be that of a tree of {@code size} leaves
     */
    public static MerkleTree restore(long size, List<String> frontier) {
        if (size < 0) {
            throw new IllegalArgumentException("a tree has no negative size: " + size);
        }
        if (frontier.size() != Long.bitCount(size)) {
            throw new IllegalArgumentException("a tree of " + size + " leaves has " + Long.bitCount(size)
                    + " complete subtrees, not " + frontier.size());
        }
        MerkleTree tree = new MerkleTree();
        int next = 0;
        // the complete subtrees are the powers of two that sum to the size, largest (oldest) first
        for (int bit = 62; bit >= 0; bit--) {
            long subtree = 1L << bit;
            if ((size & subtree) != 0) {
                String root = frontier.get(next++);
                if (!Sha256.isHash(root)) {
                    throw new IllegalArgumentException("a subtree root is 64 lowercase hex digits, not " + root);
                }
                tree.peaks.add(Sha256.fromHex(root));
                tree.peakSizes.add(subtree);
            }
        }
        tree.size = size;
        return tree;
    }

    /** The roots of the tree's complete subtrees, largest (oldest) first: at most one per bit of the size. */
    public List<String> frontier() {
        return peaks.stream().map(Sha256::hex).toList();
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
