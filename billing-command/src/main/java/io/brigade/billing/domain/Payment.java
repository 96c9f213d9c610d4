package io.brigade.billing.domain;

import io.brigade.contracts.billing.CheckId;
import io.brigade.contracts.billing.PaymentMethod;
import io.brigade.contracts.billing.PaymentRecorded;
import io.brigade.contracts.billing.RecordPayment;
import io.brigade.contracts.common.Money;

import java.util.Objects;

/** A payment taken on a bill: {@code amount} went towards what was owed, {@code change} was handed back. */
record Payment(CheckId checkId, PaymentMethod method, Money amount, Money tip, Money change, boolean refunded) {

    static Payment of(PaymentRecorded event) {
        return new Payment(event.checkId(), event.method(), event.amount(), event.tip(), event.change(), false);
    }

    /** A retry of the command that took this payment, as opposed to another payment reusing its id. */
    boolean isTakenBy(RecordPayment command) {
        return Objects.equals(checkId, command.checkId()) && method == command.method()
                && amount.plus(change).equals(command.amount())
                && tip.equals(command.tip() == null ? Money.ZERO : command.tip());
    }

    boolean stands() {
        return !refunded;
    }

    boolean isFor(CheckId check) {
        return Objects.equals(checkId, check);
    }

    Payment asRefunded() {
        return new Payment(checkId, method, amount, tip, change, true);
    }
}
