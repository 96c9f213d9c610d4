import { ScrollView, StyleSheet, Text, View } from 'react-native';

import { colours } from './theme';

export interface Column<T> {
  title: string;
  value: (row: T) => string;
  /** Figures are right-aligned so their digits line up. */
  numeric?: boolean;
  width?: number;
}

interface Props<T> {
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  /** The totals line under the rows, in the same columns. */
  totals?: string[];
  testID: string;
  empty?: string;
}

/** Rows of figures under their headings; it scrolls sideways on a phone rather than squeezing the columns. */
export function DataTable<T>({ columns, rows, rowKey, totals, testID, empty = 'Nothing in this period.' }: Props<T>) {
  if (rows.length === 0) {
    return (
      <Text style={styles.empty} testID={`${testID}-empty`}>
        {empty}
      </Text>
    );
  }
  return (
    <ScrollView horizontal testID={testID} contentContainerStyle={styles.table}>
      <View>
        <View style={[styles.row, styles.headRow]}>
          {columns.map((c) => (
            <Text key={c.title} style={[styles.cell, styles.head, { width: c.width ?? 110 }, c.numeric && styles.numeric]}>
              {c.title}
            </Text>
          ))}
        </View>
        {rows.map((row) => (
          <View key={rowKey(row)} style={styles.row} testID={`${testID}-row-${rowKey(row)}`}>
            {columns.map((c) => (
              <Text key={c.title} style={[styles.cell, { width: c.width ?? 110 }, c.numeric && styles.numeric]}>
                {c.value(row)}
              </Text>
            ))}
          </View>
        ))}
        {totals && (
          <View style={[styles.row, styles.totals]} testID={`${testID}-totals`}>
            {columns.map((c, i) => (
              <Text key={c.title} style={[styles.cell, styles.bold, { width: c.width ?? 110 }, c.numeric && styles.numeric]}>
                {totals[i] ?? ''}
              </Text>
            ))}
          </View>
        )}
      </View>
    </ScrollView>
  );
}

const styles = StyleSheet.create({
  table: { flexGrow: 1 },
  row: { flexDirection: 'row', borderBottomWidth: 1, borderBottomColor: colours.line, paddingVertical: 6 },
  headRow: { borderBottomWidth: 2 },
  totals: { borderBottomWidth: 0, borderTopWidth: 2, borderTopColor: colours.ink },
  cell: { paddingHorizontal: 6, fontSize: 14, color: colours.ink },
  head: { fontWeight: '700', color: colours.muted, fontSize: 13 },
  numeric: { textAlign: 'right' },
  bold: { fontWeight: '800' },
  empty: { color: colours.muted, fontSize: 15 },
});
