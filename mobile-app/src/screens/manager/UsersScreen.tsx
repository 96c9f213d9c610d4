import { useCallback, useEffect, useState } from 'react';
import { ScrollView, StyleSheet, Text, View } from 'react-native';

import { ApiError } from '../../api/problem';
import type { Role, UserAccount } from '../../api/types';
import { useServices } from '../../services';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { Section } from '../../ui/Section';
import { colours } from '../../ui/theme';

const ROLES: Role[] = ['STAFF', 'KITCHEN', 'MANAGER', 'AUDITOR', 'ADMIN'];

/** The staff's accounts (ADMIN): who may sign in, with which role; a change of role or a deactivation ends their sessions. */
export function UsersScreen() {
  const { api } = useServices();
  const [users, setUsers] = useState<UserAccount[] | null>(null);
  const [draft, setDraft] = useState({ username: '', fullName: '', password: '', role: 'STAFF' as Role });
  const [message, setMessage] = useState<{ tone: 'error' | 'info'; text: string } | null>(null);

  const reread = useCallback(() => {
    api
      .get<UserAccount[]>('/api/v1/auth/users')
      .then((all) => setUsers([...all].sort((a, b) => a.username.localeCompare(b.username))))
      .catch((e: Error) => setMessage({ tone: 'error', text: e instanceof ApiError ? e.explanation : e.message }));
  }, [api]);
  useEffect(reread, [reread]);

  const act = async (call: () => Promise<unknown>, done: string) => {
    try {
      await call();
      setMessage({ tone: 'info', text: done });
      reread();
      return true;
    } catch (e) {
      setMessage({ tone: 'error', text: e instanceof ApiError ? e.explanation : String(e) });
      return false;
    }
  };

  const valid = /^[A-Za-z0-9._-]{3,64}$/.test(draft.username) && draft.fullName.trim() && draft.password.length >= 8;
  return (
    <ScrollView contentContainerStyle={styles.page} testID="users-screen">
      <Text style={styles.title} accessibilityRole="header">
        Users
      </Text>
      {message && <Banner tone={message.tone} message={message.text} testID="users-message" />}
      <Section title="Register someone">
        <View style={styles.row}>
          <Field label="Username" value={draft.username} onChange={(username) => setDraft({ ...draft, username })} testID="user-username" />
          <Field label="Full name" value={draft.fullName} onChange={(fullName) => setDraft({ ...draft, fullName })} testID="user-fullname" />
          <Field label="Password (8 or more)" value={draft.password} onChange={(password) => setDraft({ ...draft, password })} testID="user-password" secure />
        </View>
        <View style={styles.row}>
          {ROLES.map((role) => (
            <Button key={role} label={role} selected={draft.role === role} testID={`user-role-${role}`} onPress={() => setDraft({ ...draft, role })} />
          ))}
          <Button
            label="Register"
            kind="primary"
            testID="user-register"
            disabled={!valid}
            onPress={async () => {
              if (await act(() => api.post('/api/v1/auth/register', { ...draft, fullName: draft.fullName.trim() }), `${draft.username} registered.`)) {
                setDraft({ username: '', fullName: '', password: '', role: 'STAFF' });
              }
            }}
          />
        </View>
      </Section>
      {(users ?? []).map((u) => (
        <View key={u.id} style={styles.user} testID={`user-${u.username}`}>
          <View style={styles.who}>
            <Text style={[styles.name, !u.active && styles.inactive]}>
              {u.fullName} ({u.username})
            </Text>
            <Text style={styles.muted}>{u.active ? u.role : `${u.role} · deactivated`}</Text>
          </View>
          {ROLES.filter((r) => r !== u.role).map((role) => (
            <Button
              key={role}
              label={role.toLowerCase()}
              accessibilityLabel={`Make ${u.username} ${role}`}
              testID={`user-${u.username}-make-${role}`}
              onPress={() => act(() => api.patch(`/api/v1/auth/users/${u.id}`, { role }), `${u.username} is now ${role}.`)}
            />
          ))}
          <Button
            label={u.active ? 'Deactivate' : 'Reactivate'}
            kind={u.active ? 'danger' : 'plain'}
            testID={`user-${u.username}-active`}
            onPress={() =>
              act(() => api.patch(`/api/v1/auth/users/${u.id}`, { active: !u.active }), `${u.username} ${u.active ? 'deactivated' : 'reactivated'}.`)
            }
          />
        </View>
      ))}
    </ScrollView>
  );
}

const styles = StyleSheet.create({
  page: { padding: 12, gap: 12, maxWidth: 1100, width: '100%', alignSelf: 'center' },
  title: { fontSize: 22, fontWeight: '800', color: colours.ink },
  row: { flexDirection: 'row', flexWrap: 'wrap', gap: 8, alignItems: 'flex-end' },
  user: {
    flexDirection: 'row',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: 6,
    padding: 8,
    backgroundColor: colours.paper,
    borderRadius: 8,
  },
  who: { flexGrow: 1, flexBasis: 220 },
  name: { fontSize: 16, fontWeight: '700', color: colours.ink },
  inactive: { color: colours.muted, textDecorationLine: 'line-through' },
  muted: { color: colours.muted, fontSize: 14 },
});
