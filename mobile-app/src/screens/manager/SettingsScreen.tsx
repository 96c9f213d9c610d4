import { useEffect, useState } from 'react';
import { ScrollView, StyleSheet, Text, View } from 'react-native';

import { ApiError } from '../../api/problem';
import type { Settings } from '../../api/types';
import { useServices } from '../../services';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { colours } from '../../ui/theme';

const PERCENT = /^\d{1,2}(\.\d{1,2})?$/;

/** The restaurant's currency, tax rate, service charge and time zone; the next bill is issued with them. */
export function SettingsScreen() {
  const { api } = useServices();
  const [form, setForm] = useState<Record<keyof Settings, string> | null>(null);
  const [message, setMessage] = useState<{ tone: 'error' | 'info'; text: string } | null>(null);

  useEffect(() => {
    api
      .get<Settings>('/api/v1/settings')
      .then((s) =>
        setForm({
          currency: s.currency,
          taxRatePercent: String(s.taxRatePercent),
          serviceChargePercent: String(s.serviceChargePercent),
          timeZone: s.timeZone ?? '',
        }),
      )
      .catch((e: Error) => setMessage({ tone: 'error', text: e.message }));
  }, [api]);

  if (!form) {
    return <Text style={styles.muted}>{message?.text ?? 'Reading the settings…'}</Text>;
  }
  const valid = /^[A-Z]{3}$/.test(form.currency) && PERCENT.test(form.taxRatePercent) && PERCENT.test(form.serviceChargePercent);
  const save = async () => {
    try {
      await api.put('/api/v1/settings', {
        currency: form.currency,
        taxRatePercent: Number(form.taxRatePercent),
        serviceChargePercent: Number(form.serviceChargePercent),
        ...(form.timeZone.trim() ? { timeZone: form.timeZone.trim() } : {}),
      });
      setMessage({ tone: 'info', text: 'Saved. The next bill is issued with these settings.' });
    } catch (e) {
      setMessage({ tone: 'error', text: e instanceof ApiError ? e.explanation : String(e) });
    }
  };
  const field = (key: keyof Settings) => (value: string) => setForm({ ...form, [key]: value });
  return (
    <ScrollView contentContainerStyle={styles.page} testID="settings-screen">
      <Text style={styles.title} accessibilityRole="header">
        Settings
      </Text>
      {message && <Banner tone={message.tone} message={message.text} testID="settings-message" />}
      <View style={styles.row}>
        <Field label="Currency (ISO code)" value={form.currency} onChange={field('currency')} testID="settings-currency" width={160} />
        <Field label="Tax rate %" value={form.taxRatePercent} onChange={field('taxRatePercent')} testID="settings-tax" keyboardType="decimal-pad" width={120} />
        <Field
          label="Service charge %"
          value={form.serviceChargePercent}
          onChange={field('serviceChargePercent')}
          testID="settings-service"
          keyboardType="decimal-pad"
          width={140}
        />
        <Field label="Time zone (e.g. Europe/Paris)" value={form.timeZone} onChange={field('timeZone')} testID="settings-zone" width={240} />
      </View>
      <Text style={styles.muted}>Reports count hours and days in the time zone; bills already issued keep their rates.</Text>
      <Button label="Save settings" kind="primary" testID="settings-save" disabled={!valid} onPress={save} />
    </ScrollView>
  );
}

const styles = StyleSheet.create({
  page: { padding: 12, gap: 12, maxWidth: 900, width: '100%', alignSelf: 'center' },
  title: { fontSize: 22, fontWeight: '800', color: colours.ink },
  row: { flexDirection: 'row', flexWrap: 'wrap', gap: 8, alignItems: 'flex-end' },
  muted: { color: colours.muted, fontSize: 15, padding: 4 },
});
