import type { ReactNode } from 'react';
import { StyleSheet, Text, View } from 'react-native';

import type { LineState, Menu, OrderLine } from '../../api/types';
import { colours, money } from '../../ui/theme';

export interface PendingLine {
  lineId: string;
  name: string;
  quantity: number;
  modifiers: string[];
  seat: number | null;
  course: number | null;
  notes: string;
}

const STATE_TEXT: Record<LineState, string> = {
  NEW: 'New',
  SENT: 'Sent',
  COOKING: 'Cooking',
  READY: 'Ready',
  SERVED: 'Served',
  VOIDED: 'Voided',
};

const STATE_COLOUR: Record<LineState, string> = {
  NEW: '#e5e7eb',
  SENT: '#dbeafe',
  COOKING: '#fef3c7',
  READY: '#bbf7d0',
  SERVED: '#e0e7ff',
  VOIDED: '#fecaca',
};

/**
 * The order's lines with their live state, and the ones still waiting in the outbox marked pending. `actionFor` adds
 * what the reader may do to a line (a manager voids a sent one).
 */
export function OrderLines({
  lines,
  pending,
  menu,
  actionFor,
}: {
  lines: OrderLine[];
  pending: PendingLine[];
  menu: Menu | null;
  actionFor?: (line: OrderLine) => ReactNode;
}) {
  const allergensOf = (menuItemId: string) =>
    menu?.categories.flatMap((c) => c.items).find((i) => i.id === menuItemId)?.allergens ?? [];
  return (
    <View style={styles.list} testID="order-lines">
      {lines.length === 0 && pending.length === 0 && <Text style={styles.empty}>Nothing ordered yet.</Text>}
      {lines.map((line) => (
        <View key={line.lineId} style={styles.line} testID={`order-line-${line.lineId}`}>
          <View style={styles.what}>
            <Text style={[styles.name, line.state === 'VOIDED' && styles.voided]}>
              {line.quantity} × {line.name}
            </Text>
            <Details {...line} allergens={allergensOf(line.menuItemId)} />
          </View>
          <Text style={styles.price}>{money(line.totalCents)}</Text>
          <Text
            style={[styles.state, { backgroundColor: STATE_COLOUR[line.state] }]}
            testID={`line-state-${line.lineId}`}
            accessibilityLabel={`State ${STATE_TEXT[line.state]}`}
          >
            {STATE_TEXT[line.state]}
          </Text>
          {actionFor?.(line)}
        </View>
      ))}
      {pending.map((line) => (
        <View key={line.lineId} style={styles.line} testID={`pending-line-${line.lineId}`}>
          <View style={styles.what}>
            <Text style={styles.name}>
              {line.quantity} × {line.name}
            </Text>
            <Details {...line} allergens={[]} />
          </View>
          <Text style={[styles.state, styles.pending]} accessibilityLabel="Pending, not yet sent to the server">
            Pending
          </Text>
        </View>
      ))}
    </View>
  );
}

function Details({
  modifiers,
  seat,
  course,
  notes,
  allergens,
}: {
  modifiers: string[];
  seat?: number | null;
  course?: number | null;
  notes?: string | null;
  allergens: string[];
}) {
  const parts = [
    ...modifiers,
    seat ? `seat ${seat}` : null,
    course ? `course ${course}` : null,
    notes ? `“${notes}”` : null,
  ].filter(Boolean);
  return (
    <>
      {parts.length > 0 && <Text style={styles.details}>{parts.join(' · ')}</Text>}
      {allergens.length > 0 && <Text style={styles.allergens}>Allergens: {allergens.join(', ')}</Text>}
    </>
  );
}

const styles = StyleSheet.create({
  list: { gap: 4 },
  empty: { color: colours.muted, fontSize: 15 },
  line: {
    flexDirection: 'row',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: 8,
    padding: 8,
    backgroundColor: colours.paper,
    borderRadius: 6,
  },
  what: { flex: 1 },
  name: { fontSize: 16, fontWeight: '700', color: colours.ink },
  voided: { textDecorationLine: 'line-through', color: colours.muted },
  details: { fontSize: 14, color: colours.muted },
  allergens: { fontSize: 13, color: colours.danger, fontWeight: '600' },
  price: { fontSize: 15, color: colours.ink },
  state: {
    minWidth: 78,
    textAlign: 'center',
    paddingVertical: 4,
    borderRadius: 6,
    fontWeight: '700',
    color: colours.ink,
    overflow: 'hidden',
  },
  pending: { backgroundColor: '#fde68a', color: colours.pending },
});
