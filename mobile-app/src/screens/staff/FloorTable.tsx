import { Pressable, StyleSheet, Text } from 'react-native';

import type { FloorRow } from '../../api/types';
import { colours, money } from '../../ui/theme';
import { STATE_COLOUR, STATE_LABEL, tableState } from './tableState';

/** One table on the floor plan, in the colour of its state. */
export function FloorTable({ row, onOpen }: { row: FloorRow; onOpen: () => void }) {
  const state = tableState(row);
  const order = row.order;
  const summary = order
    ? `${order.guests} guests · ${order.readyCount}/${order.lineCount} ready · ${money(order.totalCents)}`
    : `${row.table.seats} seats`;
  return (
    <Pressable
      testID={`floor-table-${row.table.number}`}
      accessibilityRole="button"
      accessibilityLabel={`Table ${row.table.number}, ${STATE_LABEL[state]}, ${summary}`}
      onPress={onOpen}
      style={[styles.tile, { backgroundColor: STATE_COLOUR[state] }]}
    >
      <Text style={styles.number}>{row.table.number}</Text>
      <Text style={styles.state} testID={`floor-table-${row.table.number}-state`}>
        {STATE_LABEL[state]}
      </Text>
      <Text style={styles.summary}>{summary}</Text>
      {row.table.zone ? <Text style={styles.summary}>{row.table.zone}</Text> : null}
    </Pressable>
  );
}

const styles = StyleSheet.create({
  tile: {
    width: 150,
    minHeight: 110,
    padding: 10,
    borderRadius: 10,
    borderWidth: 1,
    borderColor: colours.line,
    gap: 2,
  },
  number: { fontSize: 28, fontWeight: '800', color: colours.ink },
  state: { fontSize: 16, fontWeight: '700', color: colours.ink },
  summary: { fontSize: 13, color: colours.ink },
});
