package io.brigade.contracts.billing;

import io.brigade.contracts.common.Money;
import io.brigade.contracts.order.LineId;

import java.util.List;

/** One check of a split bill: what it comes to and, when split by seat or by lines, which lines it covers. */
public record BillCheck(CheckId checkId, Money total, List<LineId> lineIds) {
}
