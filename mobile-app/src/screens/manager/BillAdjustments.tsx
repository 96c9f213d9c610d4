import { useState } from 'react';
import { StyleSheet, Text, View } from 'react-native';

import type { BillView } from '../../api/types';
import { useServices } from '../../services';
import { Button } from '../../ui/Button';
import { ReasonAction } from '../../ui/ReasonAction';
import { colours, money, parseCents } from '../../ui/theme';
import { Field } from '../../ui/Field';

/** What only a manager does to a bill: discount it, comp it, refund a payment or void it, each with a reason. */
export function BillAdjustments({ bill, onChanged }: { bill: BillView; onChanged: () => void }) {
  const { api } = useServices();
  const [kind, setKind] = useState<'PERCENT' | 'AMOUNT'>('PERCENT');
  const [value, setValue] = useState('');
  const base = `/api/v1/billing/bills/${bill.billId}`;
  const discountValue = kind === 'PERCENT' ? (/^\d{1,3}$/.test(value.trim()) ? Number(value) : null) : parseCents(value);
  const after = (call: Promise<unknown>) => call.then(onChanged);

  return (
    <View style={styles.block} testID="bill-adjustments">
      <Text style={styles.subtitle}>Manager</Text>
      {bill.status === 'OPEN' && (
        <>
          <View style={styles.row}>
            <Button label="%" selected={kind === 'PERCENT'} testID="discount-percent" onPress={() => setKind('PERCENT')} />
            <Button label="Amount" selected={kind === 'AMOUNT'} testID="discount-amount" onPress={() => setKind('AMOUNT')} />
            <Field
              label={kind === 'PERCENT' ? 'Discount %' : 'Discount amount'}
              value={value}
              onChange={setValue}
              testID="discount-value"
              keyboardType="decimal-pad"
              width={130}
            />
          </View>
          <View style={styles.row}>
            {discountValue !== null && discountValue > 0 ? (
              <ReasonAction
                label={`Discount ${kind === 'PERCENT' ? `${discountValue}%` : money(discountValue)}`}
                testID="discount"
                onConfirm={(reason) => after(api.post(`${base}/discounts`, { kind, value: discountValue, reason }))}
              />
            ) : (
              <Text style={styles.muted}>Give a discount above, or comp the bill.</Text>
            )}
            <ReasonAction
              label="Comp (100%)"
              testID="comp"
              onConfirm={(reason) => after(api.post(`${base}/discounts`, { kind: 'PERCENT', value: 100, reason }))}
            />
            <ReasonAction
              label="Void bill"
              kind="danger"
              testID="void-bill"
              onConfirm={(reason) => after(api.post(`${base}/void`, { reason }))}
            />
          </View>
        </>
      )}
      {bill.payments
        .filter((p) => !p.refunded)
        .map((p) => (
          <View key={p.paymentId} style={styles.row}>
            <Text style={styles.muted}>
              {p.method} {money(p.amountCents)}
              {p.tipCents ? ` + tip ${money(p.tipCents)}` : ''}
            </Text>
            <ReasonAction
              label="Refund"
              kind="danger"
              testID={`refund-${p.paymentId}`}
              onConfirm={(reason) => after(api.post(`${base}/payments/${p.paymentId}/refund`, { reason }))}
            />
          </View>
        ))}
    </View>
  );
}

const styles = StyleSheet.create({
  block: { gap: 6, paddingTop: 8, borderTopWidth: 1, borderTopColor: colours.line },
  subtitle: { fontSize: 16, fontWeight: '700', color: colours.ink },
  row: { flexDirection: 'row', flexWrap: 'wrap', alignItems: 'flex-end', gap: 6 },
  muted: { color: colours.muted, fontSize: 15 },
});
