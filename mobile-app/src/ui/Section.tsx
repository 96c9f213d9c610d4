import type { ReactNode } from 'react';
import { StyleSheet, Text, View } from 'react-native';

import { colours } from './theme';

/** A titled card on a back-office page, with its own actions beside the title. */
export function Section({ title, actions, children, testID }: { title: string; actions?: ReactNode; children: ReactNode; testID?: string }) {
  return (
    <View style={styles.card} testID={testID}>
      <View style={styles.head}>
        <Text style={styles.title} accessibilityRole="header">
          {title}
        </Text>
        {actions}
      </View>
      {children}
    </View>
  );
}

const styles = StyleSheet.create({
  card: { backgroundColor: colours.paper, borderRadius: 10, borderWidth: 1, borderColor: colours.line, padding: 12, gap: 8 },
  head: { flexDirection: 'row', alignItems: 'center', flexWrap: 'wrap', gap: 8, justifyContent: 'space-between' },
  title: { fontSize: 18, fontWeight: '800', color: colours.ink },
});
