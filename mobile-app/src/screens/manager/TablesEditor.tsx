import { useCallback, useEffect, useState } from 'react';
import { Image, Platform, ScrollView, StyleSheet, Text, View } from 'react-native';

import { ApiError } from '../../api/problem';
import type { Table } from '../../api/types';
import { useServices } from '../../services';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { Section } from '../../ui/Section';
import { colours } from '../../ui/theme';

/** The tables: add one, and a sheet of every table's QR code to print and put on the tables. */
export function TablesEditor() {
  const { api } = useServices();
  const [tables, setTables] = useState<Table[] | null>(null);
  const [number, setNumber] = useState('');
  const [seats, setSeats] = useState('4');
  const [zone, setZone] = useState('');
  const [message, setMessage] = useState<{ tone: 'error' | 'info'; text: string } | null>(null);
  const [codes, setCodes] = useState<Record<string, string> | null>(null);

  const reread = useCallback(() => {
    api
      .get<Table[]>('/api/v1/tables')
      .then((all) => setTables([...all].sort((a, b) => a.number - b.number)))
      .catch((e: Error) => setMessage({ tone: 'error', text: e.message }));
  }, [api]);
  useEffect(reread, [reread]);

  const valid = /^\d{1,4}$/.test(number) && /^\d{1,2}$/.test(seats) && Number(seats) > 0 && Number(number) > 0;
  const add = async () => {
    try {
      await api.post('/api/v1/tables', { number: Number(number), seats: Number(seats), ...(zone.trim() ? { zone: zone.trim() } : {}) });
      setMessage({ tone: 'info', text: `Table ${number} added.` });
      setNumber('');
      reread();
    } catch (e) {
      setMessage({ tone: 'error', text: e instanceof ApiError ? e.explanation : String(e) });
    }
  };

  const sheet = async () => {
    const read: Record<string, string> = {};
    for (const table of tables ?? []) {
      read[table.id] = await api.dataUrl(`/api/v1/tables/${table.id}/qr`);
    }
    setCodes(read);
  };

  return (
    <ScrollView contentContainerStyle={styles.page} testID="tables-editor">
      <Text style={styles.title} accessibilityRole="header">
        Tables
      </Text>
      {message && <Banner tone={message.tone} message={message.text} testID="tables-message" />}
      <View style={styles.row}>
        <Field label="Number" value={number} onChange={setNumber} testID="table-number" keyboardType="number-pad" width={100} />
        <Field label="Seats" value={seats} onChange={setSeats} testID="table-seats" keyboardType="number-pad" width={100} />
        <Field label="Zone" value={zone} onChange={setZone} testID="table-zone" width={160} />
        <Button label="Add table" kind="primary" testID="table-add" disabled={!valid} onPress={add} />
        <Button label="QR code sheet" testID="qr-sheet" disabled={!tables?.length} onPress={sheet} />
        {codes && Platform.OS === 'web' && <Button label="Print" testID="qr-print" onPress={() => window.print()} />}
      </View>
      {codes && (
        <Section title="QR codes" testID="qr-codes">
          <View style={styles.grid}>
            {(tables ?? []).map((t) => (
              <View key={t.id} style={styles.code} testID={`qr-${t.number}`}>
                {codes[t.id] && <Image source={{ uri: codes[t.id] }} style={styles.image} accessibilityLabel={`QR code of table ${t.number}`} />}
                <Text style={styles.name}>Table {t.number}</Text>
              </View>
            ))}
          </View>
        </Section>
      )}
      <Section title={`${tables?.length ?? 0} tables`}>
        {(tables ?? []).map((t) => (
          <Text key={t.id} style={styles.line} testID={`table-row-${t.number}`}>
            Table {t.number} · {t.seats} seats{t.zone ? ` · ${t.zone}` : ''} · {t.status.toLowerCase()}
          </Text>
        ))}
      </Section>
    </ScrollView>
  );
}

const styles = StyleSheet.create({
  page: { padding: 12, gap: 12, maxWidth: 1100, width: '100%', alignSelf: 'center' },
  title: { fontSize: 22, fontWeight: '800', color: colours.ink },
  row: { flexDirection: 'row', flexWrap: 'wrap', gap: 8, alignItems: 'flex-end' },
  grid: { flexDirection: 'row', flexWrap: 'wrap', gap: 16 },
  code: { alignItems: 'center', gap: 4, padding: 8, borderWidth: 1, borderColor: colours.line, borderRadius: 8 },
  image: { width: 140, height: 140 },
  name: { fontSize: 16, fontWeight: '700', color: colours.ink },
  line: { fontSize: 15, color: colours.ink, paddingVertical: 2 },
});
