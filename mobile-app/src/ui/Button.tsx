import { Pressable, StyleSheet, Text, type StyleProp, type ViewStyle } from 'react-native';

import { colours, TOUCH } from './theme';

interface Props {
  label: string;
  onPress: () => void;
  testID?: string;
  kind?: 'primary' | 'plain' | 'danger';
  disabled?: boolean;
  /** What a screen reader says when the visible label is not enough. */
  accessibilityLabel?: string;
  style?: StyleProp<ViewStyle>;
  selected?: boolean;
}

export function Button({ label, onPress, testID, kind = 'plain', disabled, accessibilityLabel, style, selected }: Props) {
  return (
    <Pressable
      testID={testID}
      onPress={onPress}
      disabled={disabled}
      accessibilityRole="button"
      accessibilityLabel={accessibilityLabel ?? label}
      accessibilityState={{ disabled: !!disabled, selected: !!selected }}
      aria-pressed={selected}
      style={({ pressed }) => [
        styles.base,
        kind === 'primary' && styles.primary,
        kind === 'danger' && styles.danger,
        selected && styles.selected,
        disabled && styles.disabled,
        pressed && styles.pressed,
        style,
      ]}
    >
      <Text style={[styles.text, (kind !== 'plain' || selected) && styles.textOnColour]}>{label}</Text>
    </Pressable>
  );
}

const styles = StyleSheet.create({
  base: {
    minHeight: TOUCH,
    minWidth: TOUCH,
    paddingHorizontal: 14,
    justifyContent: 'center',
    alignItems: 'center',
    borderRadius: 8,
    borderWidth: 1,
    borderColor: colours.line,
    backgroundColor: colours.paper,
  },
  primary: { backgroundColor: colours.primary, borderColor: colours.primary },
  danger: { backgroundColor: colours.danger, borderColor: colours.danger },
  selected: { backgroundColor: colours.primary, borderColor: colours.paper },
  disabled: { opacity: 0.5 },
  pressed: { opacity: 0.8 },
  text: { fontSize: 16, fontWeight: '600', color: colours.ink },
  textOnColour: { color: colours.onPrimary },
});
