import { StyleSheet, Text, View } from 'react-native';

import { useRouter } from '../../navigation/Router';
import { Button } from '../../ui/Button';
import { colours } from '../../ui/theme';

/** A manager works the floor and the pass; reports, menu and staff screens join them here. */
export function ManagerHome() {
  const { navigate } = useRouter();
  return (
    <View style={styles.page} testID="manager-home">
      <Text style={styles.title} accessibilityRole="header">
        Service
      </Text>
      <View style={styles.row}>
        <Button label="Floor and tables" kind="primary" testID="manager-floor" onPress={() => navigate({ name: 'floor' })} />
        <Button label="Kitchen display" kind="primary" testID="manager-kitchen" onPress={() => navigate({ name: 'kitchen' })} />
      </View>
      <Text style={styles.title} accessibilityRole="header">
        Back office
      </Text>
      <Text style={styles.note} testID="manager-placeholder">
        Reports, menu, tables and staff are not in this version of the app yet.
      </Text>
    </View>
  );
}

const styles = StyleSheet.create({
  page: { padding: 16, gap: 12 },
  title: { fontSize: 22, fontWeight: '800', color: colours.ink },
  row: { flexDirection: 'row', gap: 12, flexWrap: 'wrap' },
  note: { fontSize: 16, color: colours.muted },
});
