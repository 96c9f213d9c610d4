import { useCallback, useEffect, useState } from 'react';
import { ScrollView, StyleSheet, Text, View } from 'react-native';

import { ApiError } from '../../api/problem';
import type { Menu, MenuItem } from '../../api/types';
import { useServices } from '../../services';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { Section } from '../../ui/Section';
import { colours, money, parseCents } from '../../ui/theme';

interface Draft {
  id: string | null;
  categoryId: string;
  name: string;
  description: string;
  price: string;
  station: string;
  allergens: string;
  /** One modifier a line: "Béarnaise 2.50" or "No onions". */
  modifiers: string;
}

function draftOf(item: MenuItem): Draft {
  return {
    id: item.id,
    categoryId: item.categoryId,
    name: item.name,
    description: item.description ?? '',
    price: (item.priceCents / 100).toFixed(2),
    station: item.station,
    allergens: item.allergens.join(', '),
    modifiers: item.modifiers.map((m) => (m.priceCents ? `${m.name} ${(m.priceCents / 100).toFixed(2)}` : m.name)).join('\n'),
  };
}

/** A draft as the body `POST /menu/items` and `PUT /menu/items/{id}` take, or what is wrong with it. */
export function itemBody(draft: Draft): { body: Record<string, unknown> } | { problem: string } {
  const priceCents = parseCents(draft.price);
  if (!draft.categoryId) {
    return { problem: 'Choose a category.' };
  }
  if (!draft.name.trim()) {
    return { problem: 'Give the item a name.' };
  }
  if (priceCents === null) {
    return { problem: 'The price is an amount such as 12.50.' };
  }
  if (!draft.station.trim()) {
    return { problem: 'Name the station that cooks it (grill, fryer, cold, bar, pastry…).' };
  }
  const modifiers = [];
  for (const line of draft.modifiers.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const match = /^(.*?)\s+(\d+(?:[.,]\d{1,2})?)$/.exec(line);
    modifiers.push(match ? { name: match[1], priceCents: parseCents(match[2]) ?? 0 } : { name: line, priceCents: 0 });
  }
  return {
    body: {
      categoryId: draft.categoryId,
      name: draft.name.trim(),
      ...(draft.description.trim() ? { description: draft.description.trim() } : {}),
      priceCents,
      station: draft.station.trim(),
      allergens: draft.allergens.split(',').map((a) => a.trim()).filter(Boolean),
      modifiers,
    },
  };
}

/** The menu as a manager keeps it: categories, items with their modifiers, allergens and station, and what is 86'd. */
export function MenuEditor() {
  const { api } = useServices();
  const [menu, setMenu] = useState<Menu | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [category, setCategory] = useState('');
  const [message, setMessage] = useState<{ tone: 'error' | 'info'; text: string } | null>(null);

  const reread = useCallback(() => {
    api
      .get<Menu>('/api/v1/menu')
      .then(setMenu)
      .catch((e: Error) => setMessage({ tone: 'error', text: e.message }));
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

  const save = async () => {
    if (!draft) {
      return;
    }
    const checked = itemBody(draft);
    if ('problem' in checked) {
      setMessage({ tone: 'error', text: checked.problem });
      return;
    }
    const saved = await act(
      () => (draft.id ? api.put(`/api/v1/menu/items/${draft.id}`, checked.body) : api.post('/api/v1/menu/items', checked.body)),
      `${draft.name} saved.`,
    );
    if (saved) {
      setDraft(null);
    }
  };

  const categories = [...(menu?.categories ?? [])].sort((a, b) => a.position - b.position);
  return (
    <ScrollView contentContainerStyle={styles.page} testID="menu-editor">
      <Text style={styles.title} accessibilityRole="header">
        Menu
      </Text>
      {message && <Banner tone={message.tone} message={message.text} testID="menu-message" />}
      <View style={styles.row}>
        <Field label="New category" value={category} onChange={setCategory} testID="category-name" width={220} />
        <Button
          label="Add category"
          testID="category-add"
          disabled={!category.trim()}
          onPress={async () => {
            if (await act(() => api.post('/api/v1/menu/categories', { name: category.trim(), position: categories.length + 1 }), `${category} added.`)) {
              setCategory('');
            }
          }}
        />
        <Button
          label="New item"
          kind="primary"
          testID="item-new"
          disabled={categories.length === 0}
          onPress={() =>
            setDraft({ id: null, categoryId: categories[0]?.id ?? '', name: '', description: '', price: '', station: '', allergens: '', modifiers: '' })
          }
        />
      </View>

      {draft && (
        <Section title={draft.id ? `Edit ${draft.name}` : 'New item'} testID="item-form">
          <View style={styles.row}>
            {categories.map((c) => (
              <Button
                key={c.id}
                label={c.name}
                selected={draft.categoryId === c.id}
                testID={`item-category-${c.name}`}
                onPress={() => setDraft({ ...draft, categoryId: c.id })}
              />
            ))}
          </View>
          <View style={styles.row}>
            <Field label="Name" value={draft.name} onChange={(name) => setDraft({ ...draft, name })} testID="item-name" />
            <Field label="Price" value={draft.price} onChange={(price) => setDraft({ ...draft, price })} testID="item-price" keyboardType="decimal-pad" width={110} />
            <Field label="Station" value={draft.station} onChange={(station) => setDraft({ ...draft, station })} testID="item-station" width={140} />
          </View>
          <Field label="Description" value={draft.description} onChange={(description) => setDraft({ ...draft, description })} testID="item-description" />
          <Field
            label="Allergens, separated by commas"
            value={draft.allergens}
            onChange={(allergens) => setDraft({ ...draft, allergens })}
            testID="item-allergens"
          />
          <Field
            label="Modifiers, one a line with an optional price (Béarnaise 2.50)"
            value={draft.modifiers}
            onChange={(modifiers) => setDraft({ ...draft, modifiers })}
            testID="item-modifiers"
          />
          <View style={styles.row}>
            <Button label="Save" kind="primary" testID="item-save" onPress={save} />
            <Button label="Cancel" onPress={() => setDraft(null)} />
          </View>
        </Section>
      )}

      {categories.map((c) => (
        <Section key={c.id} title={c.name} testID={`menu-category-${c.name}`}>
          {c.items.length === 0 && <Text style={styles.muted}>No items yet.</Text>}
          {c.items.map((item) => (
            <View key={item.id} style={styles.item} testID={`menu-item-${item.name}`}>
              <View style={styles.what}>
                <Text style={[styles.name, !item.available && styles.off]}>
                  {item.name} · {money(item.priceCents)}
                </Text>
                <Text style={styles.muted}>
                  {item.station}
                  {item.allergens.length ? ` · allergens: ${item.allergens.join(', ')}` : ''}
                  {item.modifiers.length ? ` · ${item.modifiers.map((m) => m.name).join(', ')}` : ''}
                </Text>
              </View>
              <Button
                label={item.available ? 'Available' : "86'd"}
                selected={item.available}
                testID={`availability-${item.name}`}
                accessibilityLabel={item.available ? `Mark ${item.name} unavailable` : `Mark ${item.name} available`}
                onPress={() =>
                  act(
                    () => api.post(`/api/v1/menu/items/${item.id}/availability`, { available: !item.available }),
                    `${item.name} is ${item.available ? 'off' : 'back on'} the menu.`,
                  )
                }
              />
              <Button label="Edit" testID={`edit-${item.name}`} onPress={() => setDraft(draftOf(item))} />
              <Button
                label="Retire"
                kind="danger"
                testID={`retire-${item.name}`}
                onPress={() => act(() => api.delete(`/api/v1/menu/items/${item.id}`), `${item.name} retired.`)}
              />
            </View>
          ))}
        </Section>
      ))}
    </ScrollView>
  );
}

const styles = StyleSheet.create({
  page: { padding: 12, gap: 12, maxWidth: 1100, width: '100%', alignSelf: 'center' },
  title: { fontSize: 22, fontWeight: '800', color: colours.ink },
  row: { flexDirection: 'row', flexWrap: 'wrap', gap: 8, alignItems: 'flex-end' },
  item: { flexDirection: 'row', flexWrap: 'wrap', alignItems: 'center', gap: 6, paddingVertical: 6, borderTopWidth: 1, borderTopColor: colours.line },
  what: { flexGrow: 1, flexBasis: 220 },
  name: { fontSize: 16, fontWeight: '700', color: colours.ink },
  off: { color: colours.muted, textDecorationLine: 'line-through' },
  muted: { color: colours.muted, fontSize: 14 },
});
