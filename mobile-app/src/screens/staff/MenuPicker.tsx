import { useMemo, useState } from 'react';
import { StyleSheet, Text, TextInput, View } from 'react-native';

import type { Menu, MenuItem } from '../../api/types';
import { Button } from '../../ui/Button';
import { colours, money, TOUCH } from '../../ui/theme';

export interface LineChoice {
  item: MenuItem;
  quantity: number;
  modifierIds: string[];
  seat: number | null;
  course: number | null;
  notes: string;
}

/** The menu by category with a search; an item opens its choices (modifiers, seat, course, notes). 86'd items are grey. */
export function MenuPicker({ menu, guests, onAdd }: { menu: Menu; guests: number; onAdd: (choice: LineChoice) => void }) {
  const [category, setCategory] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<MenuItem | null>(null);

  const categories = useMemo(() => [...menu.categories].sort((a, b) => a.position - b.position), [menu]);
  const shownCategory = category ?? categories[0]?.id ?? null;
  const wanted = search.trim().toLowerCase();
  const items = wanted
    ? categories.flatMap((c) => c.items).filter((i) => i.name.toLowerCase().includes(wanted))
    : (categories.find((c) => c.id === shownCategory)?.items ?? []);

  return (
    <View style={styles.panel} testID="menu-picker">
      <TextInput
        testID="menu-search"
        accessibilityLabel="Search the menu"
        placeholder="Search the menu"
        placeholderTextColor={colours.muted}
        style={styles.search}
        value={search}
        onChangeText={setSearch}
      />
      {!wanted && (
        <View style={styles.row}>
          {categories.map((c) => (
            <Button
              key={c.id}
              label={c.name}
              testID={`menu-category-${c.name}`}
              selected={c.id === shownCategory}
              onPress={() => setCategory(c.id)}
            />
          ))}
        </View>
      )}
      {items.map((item) => (
        <View key={item.id}>
          <Button
            label={`${item.name} · ${money(item.priceCents)}${item.available ? '' : ' · 86'}`}
            testID={`menu-item-${item.name}`}
            accessibilityLabel={`${item.name}, ${money(item.priceCents)}${item.available ? '' : ', not available'}${
              item.allergens.length ? `, contains ${item.allergens.join(', ')}` : ''
            }`}
            disabled={!item.available}
            style={styles.item}
            onPress={() => setEditing(item)}
          />
          {item.allergens.length > 0 && <Text style={styles.allergens}>Allergens: {item.allergens.join(', ')}</Text>}
          {editing?.id === item.id && (
            <ItemEditor
              item={item}
              guests={guests}
              onCancel={() => setEditing(null)}
              onAdd={(choice) => {
                setEditing(null);
                onAdd(choice);
              }}
            />
          )}
        </View>
      ))}
    </View>
  );
}

function ItemEditor({
  item,
  guests,
  onAdd,
  onCancel,
}: {
  item: MenuItem;
  guests: number;
  onAdd: (choice: LineChoice) => void;
  onCancel: () => void;
}) {
  const [quantity, setQuantity] = useState(1);
  const [modifierIds, setModifierIds] = useState<string[]>([]);
  const [seat, setSeat] = useState<number | null>(null);
  const [course, setCourse] = useState<number | null>(null);
  const [notes, setNotes] = useState('');
  const toggle = (id: string) =>
    setModifierIds((held) => (held.includes(id) ? held.filter((m) => m !== id) : [...held, id]));

  return (
    <View style={styles.editor} testID="item-editor">
      <View style={styles.row}>
        <Text style={styles.label}>Quantity</Text>
        <Button label="−" accessibilityLabel="One less" onPress={() => setQuantity(Math.max(1, quantity - 1))} />
        <Text style={styles.value} testID="item-quantity">
          {quantity}
        </Text>
        <Button label="+" accessibilityLabel="One more" testID="item-more" onPress={() => setQuantity(quantity + 1)} />
      </View>
      {item.modifiers.length > 0 && (
        <View style={styles.row}>
          <Text style={styles.label}>Modifiers</Text>
          {item.modifiers.map((m) => (
            <Button
              key={m.id}
              label={`${m.name}${m.priceCents ? ` +${money(m.priceCents)}` : ''}`}
              testID={`modifier-${m.name}`}
              selected={modifierIds.includes(m.id)}
              onPress={() => toggle(m.id)}
            />
          ))}
        </View>
      )}
      <View style={styles.row}>
        <Text style={styles.label}>Seat</Text>
        {Array.from({ length: Math.max(1, guests) }, (_, i) => i + 1).map((s) => (
          <Button
            key={s}
            label={String(s)}
            accessibilityLabel={`Seat ${s}`}
            testID={`seat-${s}`}
            selected={seat === s}
            onPress={() => setSeat(seat === s ? null : s)}
          />
        ))}
      </View>
      <View style={styles.row}>
        <Text style={styles.label}>Course</Text>
        {[1, 2, 3].map((c) => (
          <Button
            key={c}
            label={String(c)}
            accessibilityLabel={`Course ${c}`}
            testID={`course-${c}`}
            selected={course === c}
            onPress={() => setCourse(course === c ? null : c)}
          />
        ))}
      </View>
      <TextInput
        testID="item-notes"
        accessibilityLabel="Notes for the kitchen"
        placeholder="Notes for the kitchen"
        placeholderTextColor={colours.muted}
        style={styles.search}
        maxLength={200}
        value={notes}
        onChangeText={setNotes}
      />
      <View style={styles.row}>
        <Button
          label="Add to order"
          kind="primary"
          testID="item-add"
          onPress={() => onAdd({ item, quantity, modifierIds, seat, course, notes: notes.trim() })}
        />
        <Button label="Cancel" onPress={onCancel} />
      </View>
    </View>
  );
}

const styles = StyleSheet.create({
  panel: { gap: 6 },
  row: { flexDirection: 'row', flexWrap: 'wrap', gap: 6, alignItems: 'center' },
  search: {
    minHeight: TOUCH,
    borderWidth: 1,
    borderColor: colours.muted,
    borderRadius: 8,
    paddingHorizontal: 10,
    fontSize: 16,
    color: colours.ink,
    backgroundColor: colours.paper,
  },
  item: { alignItems: 'flex-start' },
  allergens: { color: colours.danger, fontSize: 13, fontWeight: '600', marginLeft: 4 },
  editor: { gap: 8, padding: 10, marginVertical: 4, borderRadius: 8, backgroundColor: '#e5e7eb' },
  label: { fontSize: 15, fontWeight: '700', color: colours.ink, minWidth: 80 },
  value: { fontSize: 18, fontWeight: '700', minWidth: 30, textAlign: 'center', color: colours.ink },
});
