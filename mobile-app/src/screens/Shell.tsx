import type { ReactNode } from 'react';
import { StyleSheet, Text, View } from 'react-native';

import type { User } from '../api/types';
import { useRouter } from '../navigation/Router';
import { homeOf } from '../navigation/routes';
import { useLiveStatus, useOutbox, useServices } from '../services';
import { Banner } from '../ui/Banner';
import { Button } from '../ui/Button';
import { colours } from '../ui/theme';

/** The frame around every signed-in screen: who is signed in, where they can go, and what is not live right now. */
export function Shell({ user, onSignOut, children }: { user: User; onSignOut: () => void; children: ReactNode }) {
  const { navigate } = useRouter();
  const { outbox } = useServices();
  const live = useLiveStatus();
  const { pending, refused, offline } = useOutbox();
  const manager = user.role === 'MANAGER' || user.role === 'ADMIN';

  return (
    <View style={styles.page}>
      <View style={styles.header} accessibilityRole="header">
        <Text style={styles.brand} onPress={() => navigate(homeOf(user.role))}>
          Brigade
        </Text>
        {manager && (
          <View style={styles.nav}>
            <Button label="Floor" testID="nav-floor" onPress={() => navigate({ name: 'floor' })} />
            <Button label="Kitchen" testID="nav-kitchen" onPress={() => navigate({ name: 'kitchen' })} />
            <Button label="Reports" testID="nav-reports" onPress={() => navigate({ name: 'reports' })} />
          </View>
        )}
        <Text
          style={[styles.live, live === 'connected' ? styles.online : styles.offline]}
          testID="live-status"
          accessibilityLabel={live === 'connected' ? 'Live updates on' : 'Live updates off'}
        >
          {live === 'connected' ? '● Live' : '○ Offline'}
        </Text>
        <Text style={styles.user} testID="signed-in-user">
          {user.fullName} · {user.role}
        </Text>
        <Button label="Sign out" testID="sign-out" onPress={onSignOut} />
      </View>
      {live === 'disconnected' && (
        <Banner testID="live-banner" message="Live updates lost. Reconnecting…" />
      )}
      {offline && pending.length > 0 && (
        <Banner
          testID="outbox-banner"
          message={`No network: ${pending.length} change${pending.length === 1 ? '' : 's'} waiting to be sent`}
        />
      )}
      {refused.map((refusal) => (
        <View key={refusal.command.id} style={styles.refusal} testID="refusal">
          <Text style={styles.refusalText} accessibilityRole="alert">
            {refusal.command.label} was refused: {refusal.message}
          </Text>
          <Button label="Dismiss" onPress={() => outbox.dismiss(refusal)} />
        </View>
      ))}
      <View style={styles.body}>{children}</View>
    </View>
  );
}

const styles = StyleSheet.create({
  page: { flex: 1, backgroundColor: colours.page },
  header: {
    flexDirection: 'row',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: 8,
    paddingHorizontal: 12,
    paddingVertical: 6,
    backgroundColor: colours.paper,
    borderBottomWidth: 1,
    borderBottomColor: colours.line,
  },
  brand: { fontSize: 20, fontWeight: '800', color: colours.ink },
  nav: { flexDirection: 'row', flexWrap: 'wrap', gap: 6 },
  live: { fontSize: 14, fontWeight: '700' },
  online: { color: '#166534' },
  offline: { color: colours.danger },
  user: { flex: 1, textAlign: 'right', color: colours.muted, fontSize: 14 },
  refusal: {
    flexDirection: 'row',
    alignItems: 'center',
    gap: 8,
    padding: 8,
    backgroundColor: '#fee2e2',
  },
  refusalText: { flex: 1, color: colours.danger, fontWeight: '600' },
  body: { flex: 1 },
});
