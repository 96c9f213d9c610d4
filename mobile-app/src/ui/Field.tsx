import { StyleSheet, Text, TextInput, View, type KeyboardTypeOptions } from 'react-native';

import { colours, TOUCH } from './theme';

interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  testID: string;
  placeholder?: string;
  keyboardType?: KeyboardTypeOptions;
  secure?: boolean;
  width?: number;
}

/** A labelled text box. */
export function Field({ label, value, onChange, testID, placeholder, keyboardType, secure, width }: Props) {
  return (
    <View style={[styles.field, width ? { width } : styles.grow]}>
      <Text style={styles.label}>{label}</Text>
      <TextInput
        testID={testID}
        accessibilityLabel={label}
        value={value}
        onChangeText={onChange}
        placeholder={placeholder}
        placeholderTextColor={colours.muted}
        keyboardType={keyboardType}
        secureTextEntry={secure}
        autoCapitalize="none"
        style={styles.input}
      />
    </View>
  );
}

const styles = StyleSheet.create({
  field: { gap: 2, minWidth: 120 },
  grow: { flexGrow: 1, flexBasis: 160 },
  label: { fontSize: 13, color: colours.muted, fontWeight: '600' },
  input: {
    minHeight: TOUCH,
    borderWidth: 1,
    borderColor: colours.line,
    borderRadius: 8,
    paddingHorizontal: 10,
    fontSize: 16,
    color: colours.ink,
    backgroundColor: colours.paper,
  },
});
