import { useState } from 'react';
import { StyleSheet, Text, TextInput, View } from 'react-native';

import { ApiError } from '../api/problem';
import { Button } from './Button';
import { colours, TOUCH } from './theme';

interface Props {
  label: string;
  testID: string;
  /** Sends the action with the reason given; a refusal is shown beside it. */
  onConfirm: (reason: string) => Promise<unknown>;
  kind?: 'plain' | 'danger';
}

/** A manager's action that the trail must explain: it asks why before it is sent. */
export function ReasonAction({ label, testID, onConfirm, kind = 'plain' }: Props) {
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (!asking) {
    return <Button label={label} kind={kind} testID={testID} onPress={() => setAsking(true)} />;
  }
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm(reason.trim());
      setAsking(false);
      setReason('');
    } catch (e) {
      setError(e instanceof ApiError ? e.explanation : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View style={styles.box} testID={`${testID}-form`}>
      <TextInput
        testID={`${testID}-reason`}
        accessibilityLabel={`Reason for ${label.toLowerCase()}`}
        placeholder="Reason (required)"
        placeholderTextColor={colours.muted}
        value={reason}
        onChangeText={setReason}
        style={styles.input}
        maxLength={500}
      />
      <Button label={label} kind="danger" testID={`${testID}-confirm`} disabled={!reason.trim() || busy} onPress={confirm} />
      <Button label="Cancel" onPress={() => setAsking(false)} />
      {error && (
        <Text style={styles.error} accessibilityRole="alert">
          {error}
        </Text>
      )}
    </View>
  );
}

const styles = StyleSheet.create({
  box: { flexDirection: 'row', flexWrap: 'wrap', gap: 6, alignItems: 'center' },
  input: {
    minHeight: TOUCH,
    minWidth: 180,
    flexGrow: 1,
    borderWidth: 1,
    borderColor: colours.line,
    borderRadius: 8,
    paddingHorizontal: 10,
    fontSize: 16,
    color: colours.ink,
    backgroundColor: colours.paper,
  },
  error: { color: colours.danger, width: '100%' },
});
