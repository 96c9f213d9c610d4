package io.brigade.billing.domain;

/** Open until fully paid or voided; a refund reopens a paid bill. */
public enum BillStatus {
    OPEN, PAID, VOIDED
}
