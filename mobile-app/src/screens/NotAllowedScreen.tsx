import { StyleSheet, Text, View } from 'react-native';

import type { Role } from '../api/types';
import { useRouter } from '../navigation/Router';
import { homeOf } from '../navigation/routes';
import { Button } from '../ui/Button';
import { colours } from '../ui/theme';

/** A link to a screen the signed-in role may not open: said plainly, with the way back to the role's own screen. */
export function NotAllowedScreen({ path, role }: { path: string; role: Role }) {
  const { navigate } = useRouter();
  return (
    <View style={styles.page} testID="not-allowed">
      <Text style={styles.title} accessibilityRole="header">
        Not allowed
      </Text>
      <Text style={styles.text}>
        {path} is not open to your role ({role}). Ask a manager if you need it.
      </Text>
      <Button label="Back to my screen" kind="primary" testID="not-allowed-home" onPress={() => navigate(homeOf(role))} />
    </View>
  );
}

const styles = StyleSheet.create({
  page: { padding: 24, gap: 12, alignItems: 'flex-start' },
  title: { fontSize: 24, fontWeight: '800', color: colours.danger },
  text: { fontSize: 16, color: colours.ink },
});
