import { useCallback, useState } from 'react';
import { ScrollView, StyleSheet, Text, View } from 'react-native';

import type { FloorRow } from '../../api/types';
import { useRouter } from '../../navigation/Router';
import { useLive } from '../../realtime/useLive';
import { Versions } from '../../realtime/live';
import { useServices } from '../../services';
import { colours } from '../../ui/theme';
import { FloorTable } from './FloorTable';
import { STATE_COLOUR, STATE_LABEL, type TableState } from './tableState';

/** The waiter's floor: every table, live, in the colour of its state. */
export function FloorScreen() {
  const { api } = useServices();
  const { navigate } = useRouter();
  const [rows, setRows] = useState<FloorRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [versions] = useState(() => new Versions());

  const reread = useCallback(() => {
    api
      .get<FloorRow[]>('/api/v1/floor')
      .then((floor) => {
        setRows(floor);
        setError(null);
      })
      .catch((e: Error) => setError(e.message));
  }, [api]);

  useLive<FloorRow>(
    '/topic/floor',
    (message) => {
      const row = message.data;
      if (!row?.table || !versions.isNewer(row.table.id, message.version)) {
        return;
      }
      setRows((held) => {
        const others = (held ?? []).filter((r) => r.table.id !== row.table.id);
        return [...others, row];
      });
    },
    reread,
  );

  const sorted = [...(rows ?? [])].sort((a, b) => a.table.number - b.table.number);
  return (
    <ScrollView contentContainerStyle={styles.page} testID="floor-screen">
      <Text style={styles.title} accessibilityRole="header">
        Floor
      </Text>
      <View style={styles.legend}>
        {(Object.keys(STATE_LABEL) as TableState[]).map((state) => (
          <View key={state} style={[styles.key, { backgroundColor: STATE_COLOUR[state] }]}>
            <Text style={styles.keyText}>{STATE_LABEL[state]}</Text>
          </View>
        ))}
      </View>
      {error && <Text style={styles.error}>{error}</Text>}
      {rows === null && !error && <Text>Loading the floor…</Text>}
      <View style={styles.grid}>
        {sorted.map((row) => (
          <FloorTable key={row.table.id} row={row} onOpen={() => navigate({ name: 'table', tableId: row.table.id })} />
        ))}
      </View>
    </ScrollView>
  );
}

const styles = StyleSheet.create({
  page: { padding: 12, gap: 10 },
  title: { fontSize: 22, fontWeight: '800', color: colours.ink },
  legend: { flexDirection: 'row', flexWrap: 'wrap', gap: 6 },
  key: { paddingHorizontal: 8, paddingVertical: 4, borderRadius: 6 },
  keyText: { color: colours.ink, fontSize: 13 },
  grid: { flexDirection: 'row', flexWrap: 'wrap', gap: 10 },
  error: { color: colours.danger },
});
