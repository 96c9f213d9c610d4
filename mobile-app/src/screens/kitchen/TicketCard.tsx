import { Pressable, StyleSheet, Text, View } from 'react-native';

import type { TicketItem, TicketView } from '../../api/types';
import { Button } from '../../ui/Button';
import { colours } from '../../ui/theme';

export interface Thresholds {
  lateMinutes: number;
  overdueMinutes: number;
}

export function ageColour(ageMinutes: number, thresholds: Thresholds): string {
  if (ageMinutes >= thresholds.overdueMinutes) {
    return colours.kitchen.overdue;
  }
  return ageMinutes >= thresholds.lateMinutes ? colours.kitchen.late : colours.kitchen.fresh;
}

const STATUS_TEXT: Record<TicketItem['status'], string> = {
  QUEUED: 'Queued',
  COOKING: 'Cooking',
  READY: 'Ready',
  VOIDED: 'Voided',
};

/** A ticket on the kitchen display: table, age in the colour of its threshold, and every item to cook. */
export function TicketCard({
  ticket,
  now,
  thresholds,
  width,
  onItem,
  onBump,
}: {
  ticket: TicketView;
  now: number;
  thresholds: Thresholds;
  width: number | `${number}%`;
  onItem: (item: TicketItem) => void;
  onBump: () => void;
}) {
  const ageMinutes = Math.max(0, Math.floor((now - Date.parse(ticket.createdAt)) / 60_000));
  const colour = ageColour(ageMinutes, thresholds);
  return (
    <View style={[styles.outer, { width }]}>
      <View
        style={[styles.card, { borderColor: colour }]}
        testID={`ticket-${ticket.ticketId}`}
        accessibilityLabel={`Table ${ticket.tableNumber}, ${ticket.station}, ${ageMinutes} minutes old`}
      >
        <View style={[styles.head, { backgroundColor: colour }]}>
          <Text style={styles.table} testID={`ticket-table-${ticket.tableNumber}`}>
            T{ticket.tableNumber}
          </Text>
          <Text style={styles.station}>{ticket.station}</Text>
          <Text style={styles.age} testID="ticket-age">
            {ageMinutes} min
          </Text>
        </View>
        {ticket.items.map((item) => (
          <Pressable
            key={item.lineId}
            testID={`kitchen-item-${item.lineId}`}
            accessibilityRole="button"
            accessibilityLabel={`${item.quantity} ${item.name}, ${STATUS_TEXT[item.status]}${
              item.status === 'QUEUED' ? ', tap to start' : item.status === 'COOKING' ? ', tap when ready' : ''
            }`}
            disabled={item.status === 'READY' || item.status === 'VOIDED'}
            onPress={() => onItem(item)}
            style={[styles.item, item.status === 'COOKING' && styles.cooking, item.status === 'READY' && styles.ready]}
          >
            <Text style={[styles.itemName, item.status === 'VOIDED' && styles.voided]}>
              {item.quantity} × {item.name}
            </Text>
            {item.modifiers.length > 0 && <Text style={styles.detail}>{item.modifiers.join(', ')}</Text>}
            {(item.seat || item.course) && (
              <Text style={styles.detail}>
                {[item.seat ? `seat ${item.seat}` : null, item.course ? `course ${item.course}` : null].filter(Boolean).join(' · ')}
              </Text>
            )}
            {item.notes ? <Text style={styles.notes}>“{item.notes}”</Text> : null}
            {item.allergens.length > 0 && (
              <Text style={styles.allergens} accessibilityLabel={`Allergens: ${item.allergens.join(', ')}`}>
                ⚠ {item.allergens.join(', ').toUpperCase()}
              </Text>
            )}
            <Text style={styles.status} testID={`kitchen-item-status-${item.lineId}`}>
              {STATUS_TEXT[item.status]}
            </Text>
          </Pressable>
        ))}
        <Button
          label="Bump"
          kind="primary"
          testID={`bump-${ticket.ticketId}`}
          accessibilityLabel={`Bump table ${ticket.tableNumber}`}
          disabled={ticket.items.some((i) => i.status !== 'READY' && i.status !== 'VOIDED')}
          onPress={onBump}
          style={styles.bump}
        />
      </View>
    </View>
  );
}

const styles = StyleSheet.create({
  outer: { padding: 4 },
  card: { backgroundColor: colours.kitchen.card, borderRadius: 8, borderWidth: 3, overflow: 'hidden' },
  head: { flexDirection: 'row', alignItems: 'center', paddingHorizontal: 8, paddingVertical: 4, gap: 8 },
  table: { color: colours.kitchen.text, fontSize: 26, fontWeight: '900' },
  station: { color: colours.kitchen.text, fontSize: 16, flex: 1, fontWeight: '700' },
  age: { color: colours.kitchen.text, fontSize: 20, fontWeight: '800' },
  item: { paddingHorizontal: 8, paddingVertical: 4, minHeight: 44, borderBottomWidth: 1, borderBottomColor: '#374151' },
  cooking: { backgroundColor: '#78350f' },
  ready: { backgroundColor: '#14532d' },
  itemName: { color: colours.kitchen.text, fontSize: 20, fontWeight: '800' },
  voided: { textDecorationLine: 'line-through', color: colours.kitchen.subtle },
  detail: { color: colours.kitchen.subtle, fontSize: 16 },
  notes: { color: colours.kitchen.text, fontSize: 16, fontStyle: 'italic' },
  allergens: { color: colours.kitchen.allergen, fontSize: 16, fontWeight: '900' },
  status: { color: colours.kitchen.subtle, fontSize: 14, fontWeight: '700' },
  bump: { margin: 6, minHeight: 44 },
});
