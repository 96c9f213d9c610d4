package io.brigade.contracts.billing;

/** How a bill is split into checks: in equal parts, one check per seat, or by groups of lines the guests chose. */
public enum SplitMode {
    EQUAL, BY_SEAT, BY_LINES
}
