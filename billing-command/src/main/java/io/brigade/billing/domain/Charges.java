package io.brigade.billing.domain;

import io.brigade.contracts.billing.BillAmounts;
import io.brigade.contracts.billing.BillRates;
import io.brigade.contracts.common.Money;

/**
 * How a bill's figures follow from its lines. Prices are tax-inclusive. The discount comes off the subtotal; the
 * service charge is a percentage of what is left; the total is the discounted subtotal plus the service charge; the
 * tax is the part of that total that is tax (the service charge is taxed like the food). Each figure is computed from
 * bill-level amounts and rounded once, half-even; nothing is rounded per line.
 */
public record Charges(Tax tax, Percent serviceCharge) {

    public static Charges of(BillRates rates) {
        return new Charges(new Tax(Percent.of(rates.taxRatePercent())), Percent.of(rates.serviceChargePercent()));
    }

    public BillAmounts amounts(Money subtotal, Money discount) {
        Money discounted = subtotal.minus(discount);
        Money service = serviceCharge.of(discounted);
        Money total = discounted.plus(service);
        return new BillAmounts(subtotal, discount, service, tax.includedIn(total), total);
    }
}
