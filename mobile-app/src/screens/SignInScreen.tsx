import { useState } from 'react';
import { StyleSheet, Text, TextInput, View } from 'react-native';

import { ApiError, NetworkError } from '../api/problem';
import type { User } from '../api/types';
import { useServices } from '../services';
import { Banner } from '../ui/Banner';
import { Button } from '../ui/Button';
import { colours, TOUCH } from '../ui/theme';

export function SignInScreen({ notice, onSignedIn }: { notice: string | null; onSignedIn: (user: User) => void }) {
  const { api } = useServices();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await api.signIn(username.trim(), password));
    } catch (e) {
      if (e instanceof ApiError) {
        setError(e.status === 401 ? 'Wrong username or password.' : e.explanation);
      } else if (e instanceof NetworkError) {
        setError('The server cannot be reached. Check the network and try again.');
      } else {
        setError(String(e));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <View style={styles.page} testID="sign-in-screen">
      {notice && <Banner testID="sign-in-notice" tone="info" message={notice} />}
      <View style={styles.card}>
        <Text style={styles.title} accessibilityRole="header">
          Sign in to Brigade
        </Text>
        <Text style={styles.label} nativeID="username-label">
          Username
        </Text>
        <TextInput
          testID="sign-in-username"
          accessibilityLabel="Username"
          style={styles.input}
          autoCapitalize="none"
          autoCorrect={false}
          autoComplete="username"
          value={username}
          onChangeText={setUsername}
        />
        <Text style={styles.label}>Password</Text>
        <TextInput
          testID="sign-in-password"
          accessibilityLabel="Password"
          style={styles.input}
          secureTextEntry
          autoComplete="password"
          value={password}
          onChangeText={setPassword}
          onSubmitEditing={submit}
        />
        {error && (
          <Text style={styles.error} testID="sign-in-error" accessibilityRole="alert">
            {error}
          </Text>
        )}
        <Button
          label={busy ? 'Signing in…' : 'Sign in'}
          testID="sign-in-submit"
          kind="primary"
          disabled={busy || !username || !password}
          onPress={submit}
        />
      </View>
    </View>
  );
}

const styles = StyleSheet.create({
  page: { flex: 1, backgroundColor: colours.page, justifyContent: 'center' },
  card: {
    alignSelf: 'center',
    width: '100%',
    maxWidth: 380,
    padding: 24,
    gap: 8,
    backgroundColor: colours.paper,
    borderRadius: 12,
  },
  title: { fontSize: 24, fontWeight: '800', color: colours.ink, marginBottom: 8 },
  label: { fontSize: 15, color: colours.ink, fontWeight: '600' },
  input: {
    minHeight: TOUCH,
    borderWidth: 1,
    borderColor: colours.muted,
    borderRadius: 8,
    paddingHorizontal: 10,
    fontSize: 17,
    color: colours.ink,
  },
  error: { color: colours.danger, fontSize: 15, fontWeight: '600' },
});
