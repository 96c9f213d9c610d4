import { StyleSheet, Text, View } from 'react-native';

import { colours } from '../../ui/theme';

/** Auditors read the event streams; their screens are not in this version of the app yet. */
export function AuditorHome() {
  return (
    <View style={styles.page} testID="auditor-home">
      <Text style={styles.title} accessibilityRole="header">
        Audit
      </Text>
      <Text style={styles.note}>The audit screens are not in this version of the app yet; the audit API serves them.</Text>
    </View>
  );
}

const styles = StyleSheet.create({
  page: { padding: 16, gap: 12 },
  title: { fontSize: 22, fontWeight: '800', color: colours.ink },
  note: { fontSize: 16, color: colours.muted },
});
