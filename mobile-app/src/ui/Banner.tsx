import { StyleSheet, Text, View } from 'react-native';

import { colours } from './theme';

interface Props {
  message: string;
  testID?: string;
  tone?: 'warning' | 'error' | 'info';
}

/** A line across the screen that a screen reader announces as soon as it appears. */
export function Banner({ message, testID, tone = 'warning' }: Props) {
  return (
    <View
      testID={testID}
      accessibilityRole="alert"
      accessibilityLiveRegion="polite"
      style={[styles.banner, tone === 'error' && styles.error, tone === 'info' && styles.info]}
    >
      <Text style={[styles.text, tone !== 'warning' && styles.light]}>{message}</Text>
    </View>
  );
}

const styles = StyleSheet.create({
  banner: { padding: 10, backgroundColor: '#fde68a' },
  error: { backgroundColor: colours.danger },
  info: { backgroundColor: colours.primary },
  text: { color: colours.ink, fontSize: 16, fontWeight: '600', textAlign: 'center' },
  light: { color: colours.paper },
});
