import { useCallback, useState } from 'react';
import { StyleSheet, Text, TextInput, View } from 'react-native';

import { ApiError } from '../../api/problem';
import type { BillView, Check, PaymentMethod } from '../../api/types';
import { newId } from '../../outbox/ids';
import { Versions } from '../../realtime/live';
import { useLive } from '../../realtime/useLive';
import { useServices } from '../../services';
import { Button } from '../../ui/Button';
import { BillAdjustments } from '../manager/BillAdjustments';
import { colours, money, parseCents, TOUCH } from '../../ui/theme';

/** The table's bill: totals, splitting it into checks, and taking payments with tips per check. */
export function BillPanel({ billId, orderId }: { billId: string; orderId: string }) {
  const { api, outbox } = useServices();
  const [bill, setBill] = useState<BillView | null>(null);
  const [versions] = useState(() => new Versions());
  const [parts, setParts] = useState(2);
  const [groups, setGroups] = useState<Record<string, number>>({});
  const [splitError, setSplitError] = useState<string | null>(null);

  const reread = useCallback(() => {
    api
      .get<BillView>(`/api/v1/bills/${billId}`)
      .then((b) => {
        if (versions.isNewer(b.billId, b.version)) {
          setBill(b);
        }
      })
      .catch(() => undefined);
  }, [api, billId, versions]);

  useLive<BillView>(
    '/topic/bills',
    (message) => {
      if (message.data?.billId === billId && versions.isNewer(billId, message.version)) {
        setBill(message.data);
      }
    },
    reread,
  );

  if (!bill) {
    return (
      <Text style={styles.muted} testID="bill-waiting">
        The bill is being prepared…
      </Text>
    );
  }

  // Splitting is answered at once with the checks, so it is sent directly rather than through the outbox.
  const split = async (body: unknown) => {
    setSplitError(null);
    try {
      await api.post(`/api/v1/billing/bills/${billId}/split`, body);
      reread();
    } catch (e) {
      setSplitError(e instanceof ApiError ? e.explanation : String(e));
    }
  };
  const byLines = () => {
    const numbered = new Map<number, string[]>();
    bill.lines.forEach((line) => {
      const group = groups[line.lineId] ?? 1;
      numbered.set(group, [...(numbered.get(group) ?? []), line.lineId]);
    });
    return split({ mode: 'BY_LINES', groups: [...numbered.keys()].sort().map((k) => numbered.get(k)) });
  };
  const pay = (check: Check | null, method: PaymentMethod, amountCents: number, tipCents: number) =>
    outbox.enqueue({
      method: 'POST',
      path: `/api/v1/billing/bills/${billId}/payments`,
      body: { paymentId: newId(), checkId: check?.checkId, method, amountCents, tipCents },
      label: `${method === 'CASH' ? 'Cash' : 'Card'} payment of ${money(amountCents)}`,
      scope: orderId,
    });

  const open = bill.status === 'OPEN';
  return (
    <View style={styles.panel} testID="bill-panel">
      <Text style={styles.title} accessibilityRole="header">
        Bill
      </Text>
      <Row label="Subtotal" cents={bill.subtotalCents} />
      {bill.discountCents > 0 && <Row label="Discount" cents={-bill.discountCents} />}
      {bill.serviceChargeCents > 0 && <Row label="Service" cents={bill.serviceChargeCents} />}
      <Row label="of which tax" cents={bill.taxCents} />
      <Row label="Total" cents={bill.totalCents} strong testID="bill-total" />
      <Row label="Paid" cents={bill.paidCents} />
      {bill.tipsCents > 0 && <Row label="Tips" cents={bill.tipsCents} />}
      <Row label="Balance" cents={bill.balanceCents} strong testID="bill-balance" />
      <Text style={styles.status} testID="bill-status">
        {bill.status === 'PAID' ? 'Paid' : bill.status === 'VOIDED' ? 'Voided' : 'Open'}
      </Text>

      {open && bill.paidCents === 0 && (
        <View style={styles.block}>
          <Text style={styles.subtitle}>Split</Text>
          <View style={styles.row}>
            <Button label="−" accessibilityLabel="Fewer parts" onPress={() => setParts(Math.max(2, parts - 1))} />
            <Text style={styles.value}>{parts}</Text>
            <Button label="+" accessibilityLabel="More parts" onPress={() => setParts(parts + 1)} />
            <Button
              label={`Equally in ${parts}`}
              testID="split-equal"
              onPress={() => split({ mode: 'EQUAL', parts })}
            />
            <Button label="By seat" testID="split-by-seat" onPress={() => split({ mode: 'BY_SEAT' })} />
          </View>
          {bill.lines.map((line) => (
            <View key={line.lineId} style={styles.row}>
              <Text style={styles.lineName}>
                {line.quantity} × {line.name}
              </Text>
              {[1, 2, 3].map((g) => (
                <Button
                  key={g}
                  label={`Check ${g}`}
                  selected={(groups[line.lineId] ?? 1) === g}
                  onPress={() => setGroups({ ...groups, [line.lineId]: g })}
                />
              ))}
            </View>
          ))}
          <Button label="Split by these lines" testID="split-by-lines" onPress={byLines} />
          {splitError && <Text style={styles.error}>{splitError}</Text>}
        </View>
      )}

      {open &&
        (bill.checks.length > 0
          ? bill.checks.map((check, index) => (
              <PaymentForm
                key={check.checkId}
                title={`Check ${index + 1}: ${money(check.totalCents)}`}
                remaining={check.totalCents - check.paidCents}
                testID={`check-${index + 1}`}
                onPay={(method, amount, tip) => pay(check, method, amount, tip)}
              />
            ))
          : [
              <PaymentForm
                key="whole"
                title="Whole bill"
                remaining={bill.balanceCents}
                testID="check-whole"
                onPay={(method, amount, tip) => pay(null, method, amount, tip)}
              />,
            ])}

      {(api.user?.role === 'MANAGER' || api.user?.role === 'ADMIN') && <BillAdjustments bill={bill} onChanged={reread} />}

      {bill.payments.length > 0 && (
        <View style={styles.block} testID="payments">
          <Text style={styles.subtitle}>Payments</Text>
          {bill.payments.map((p) => (
            <Text key={p.paymentId} style={styles.lineName}>
              {p.method === 'CASH' ? 'Cash' : p.method === 'CARD' ? 'Card' : 'Other'} {money(p.amountCents)}
              {p.tipCents ? ` + tip ${money(p.tipCents)}` : ''}
              {p.refunded ? ' (refunded)' : ''}
            </Text>
          ))}
        </View>
      )}
    </View>
  );
}

function PaymentForm({
  title,
  remaining,
  testID,
  onPay,
}: {
  title: string;
  remaining: number;
  testID: string;
  onPay: (method: PaymentMethod, amountCents: number, tipCents: number) => void;
}) {
  const [method, setMethod] = useState<PaymentMethod>('CARD');
  const [amount, setAmount] = useState('');
  const [tip, setTip] = useState('');
  const [given, setGiven] = useState('');
  if (remaining <= 0) {
    return (
      <Text style={styles.paid} testID={`${testID}-paid`}>
        {title} · paid
      </Text>
    );
  }
  const amountCents = amount.trim() ? parseCents(amount) : remaining;
  const tipCents = tip.trim() ? parseCents(tip) : 0;
  const givenCents = given.trim() ? parseCents(given) : null;
  const valid = amountCents !== null && amountCents > 0 && amountCents <= remaining && tipCents !== null;
  const change = method === 'CASH' && valid && givenCents !== null ? givenCents - amountCents! - tipCents! : null;

  return (
    <View style={styles.block} testID={testID}>
      <Text style={styles.subtitle}>
        {title} · due {money(remaining)}
      </Text>
      <View style={styles.row}>
        <Button label="Card" testID={`${testID}-card`} selected={method === 'CARD'} onPress={() => setMethod('CARD')} />
        <Button label="Cash" testID={`${testID}-cash`} selected={method === 'CASH'} onPress={() => setMethod('CASH')} />
      </View>
      <View style={styles.row}>
        <Field label="Amount" value={amount} placeholder={(remaining / 100).toFixed(2)} onChange={setAmount} testID={`${testID}-amount`} />
        <Field label="Tip" value={tip} placeholder="0.00" onChange={setTip} testID={`${testID}-tip`} />
        {method === 'CASH' && (
          <Field label="Cash given" value={given} placeholder="0.00" onChange={setGiven} testID={`${testID}-given`} />
        )}
      </View>
      {change !== null && (
        <Text style={change < 0 ? styles.error : styles.change} testID={`${testID}-change`}>
          {change < 0 ? `Short by ${money(-change)}` : `Change ${money(change)}`}
        </Text>
      )}
      <Button
        label={`Take ${valid ? money(amountCents! + tipCents!) : 'payment'}`}
        kind="primary"
        testID={`${testID}-pay`}
        disabled={!valid || (change !== null && change < 0)}
        onPress={() => {
          onPay(method, amountCents!, tipCents!);
          setAmount('');
          setTip('');
          setGiven('');
        }}
      />
    </View>
  );
}

function Field(props: { label: string; value: string; placeholder: string; onChange: (v: string) => void; testID: string }) {
  return (
    <View style={styles.field}>
      <Text style={styles.fieldLabel}>{props.label}</Text>
      <TextInput
        testID={props.testID}
        accessibilityLabel={props.label}
        keyboardType="decimal-pad"
        style={styles.input}
        value={props.value}
        placeholder={props.placeholder}
        placeholderTextColor={colours.muted}
        onChangeText={props.onChange}
      />
    </View>
  );
}

function Row({ label, cents, strong, testID }: { label: string; cents: number; strong?: boolean; testID?: string }) {
  return (
    <View style={styles.total}>
      <Text style={[styles.lineName, strong && styles.strong]}>{label}</Text>
      <Text style={[styles.lineName, strong && styles.strong]} testID={testID}>
        {money(cents)}
      </Text>
    </View>
  );
}

const styles = StyleSheet.create({
  panel: { gap: 6, padding: 10, backgroundColor: colours.paper, borderRadius: 8 },
  title: { fontSize: 20, fontWeight: '800', color: colours.ink },
  subtitle: { fontSize: 16, fontWeight: '700', color: colours.ink },
  block: { gap: 6, paddingTop: 8, borderTopWidth: 1, borderTopColor: colours.line },
  row: { flexDirection: 'row', flexWrap: 'wrap', alignItems: 'center', gap: 6 },
  total: { flexDirection: 'row', justifyContent: 'space-between' },
  lineName: { fontSize: 15, color: colours.ink, flexShrink: 1 },
  strong: { fontWeight: '800', fontSize: 17 },
  status: { fontSize: 15, fontWeight: '700', color: colours.primary },
  value: { fontSize: 18, fontWeight: '700', minWidth: 24, textAlign: 'center', color: colours.ink },
  field: { gap: 2 },
  fieldLabel: { fontSize: 13, color: colours.muted },
  input: {
    minHeight: TOUCH,
    width: 110,
    borderWidth: 1,
    borderColor: colours.muted,
    borderRadius: 8,
    paddingHorizontal: 8,
    fontSize: 16,
    color: colours.ink,
  },
  change: { fontSize: 17, fontWeight: '800', color: '#166534' },
  error: { color: colours.danger, fontWeight: '700' },
  paid: { fontSize: 15, fontWeight: '700', color: '#166534' },
  muted: { color: colours.muted },
});
