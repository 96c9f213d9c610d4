import { useCallback, useEffect, useMemo, useState } from 'react';
import { ScrollView, StyleSheet, Text, useWindowDimensions, View } from 'react-native';

import type { Menu, MenuItem, TicketItem, TicketView } from '../../api/types';
import { Versions } from '../../realtime/live';
import { useLive } from '../../realtime/useLive';
import { useServices } from '../../services';
import { Button } from '../../ui/Button';
import { colours } from '../../ui/theme';
import { TicketCard, type Thresholds } from './TicketCard';

const TICKET_MIN_WIDTH = 240;

/** What is still waiting to be cooked, per dish, over every open ticket on the board. */
export function allDay(tickets: TicketView[]): { name: string; quantity: number }[] {
  const counts = new Map<string, number>();
  tickets.forEach((t) =>
    t.items
      .filter((i) => i.status === 'QUEUED' || i.status === 'COOKING')
      .forEach((i) => counts.set(i.name, (counts.get(i.name) ?? 0) + i.quantity)),
  );
  return [...counts.entries()].map(([name, quantity]) => ({ name, quantity })).sort((a, b) => b.quantity - a.quantity);
}

/** The kitchen display for a wall tablet: one station or all, oldest ticket first, live. */
export function KitchenScreen() {
  const { api, outbox } = useServices();
  const { width } = useWindowDimensions();
  const [station, setStation] = useState<string | null>(null);
  const [tickets, setTickets] = useState<TicketView[]>([]);
  const [menu, setMenu] = useState<Menu | null>(null);
  const [thresholds, setThresholds] = useState<Thresholds>({ lateMinutes: 5, overdueMinutes: 8 });
  const [lastBumped, setLastBumped] = useState<TicketView | null>(null);
  const [now, setNow] = useState(Date.now());
  const versions = useMemo(() => new Versions(), [station]);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);

  const readMenu = useCallback(() => {
    api
      .get<Menu>('/api/v1/menu')
      .then(setMenu)
      .catch(() => undefined);
  }, [api]);
  useEffect(readMenu, [readMenu]);

  const reread = useCallback(() => {
    setNow(Date.now());
    api
      .get<TicketView[]>(`/api/v1/kitchen/board${station ? `?station=${encodeURIComponent(station)}` : ''}`)
      .then((board) => {
        board.forEach((t) => versions.isNewer(t.ticketId, t.version));
        setTickets(board);
      })
      .catch(() => undefined);
  }, [api, station, versions]);

  useLive<TicketView>(
    station ? `/topic/kitchen.${station}` : '/topic/kitchen',
    (message) => {
      const ticket = message.data;
      if (!ticket?.ticketId || !versions.isNewer(ticket.ticketId, message.version)) {
        return;
      }
      setNow(Date.now());
      setTickets((held) => {
        const others = held.filter((t) => t.ticketId !== ticket.ticketId);
        return ticket.status === 'DONE' || message.type === 'ticket:done' ? others : [...others, ticket];
      });
    },
    reread,
  );

  const stations = useMemo(
    () => [...new Set(menu?.categories.flatMap((c) => c.items.map((i) => i.station)) ?? [])].sort(),
    [menu],
  );
  const items = useMemo(() => menu?.categories.flatMap((c) => c.items) ?? [], [menu]);
  const board = [...tickets].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
  const columns = Math.max(1, Math.floor((width - 8) / TICKET_MIN_WIDTH));
  const counts = allDay(board);

  const command = (path: string, label: string) => outbox.enqueue({ method: 'POST', path, body: undefined, label });
  const onItem = (ticket: TicketView, item: TicketItem) =>
    command(
      `/api/v1/kitchen/tickets/${ticket.ticketId}/items/${item.lineId}/${item.status === 'QUEUED' ? 'start' : 'ready'}`,
      `${item.status === 'QUEUED' ? 'Start' : 'Finish'} ${item.name} for table ${ticket.tableNumber}`,
    );
  const availability = (item: MenuItem, available: boolean) =>
    api
      .post(`/api/v1/menu/items/${item.id}/availability`, {
        available,
        ...(available ? {} : { reason: 'Run out in the kitchen' }),
      })
      .then(readMenu)
      .catch(() => undefined);

  return (
    <View style={styles.page} testID="kitchen-screen">
      <View style={styles.toolbar}>
        <Button label="All" testID="station-all" selected={station === null} onPress={() => setStation(null)} />
        {stations.map((s) => (
          <Button key={s} label={s} testID={`station-${s}`} selected={station === s} onPress={() => setStation(s)} />
        ))}
        <View style={styles.spacer} />
        <Text style={styles.toolText}>Late</Text>
        <Button
          label="−"
          accessibilityLabel="Late sooner"
          onPress={() => setThresholds({ ...thresholds, lateMinutes: Math.max(1, thresholds.lateMinutes - 1) })}
        />
        <Text style={styles.toolText} testID="late-minutes">
          {thresholds.lateMinutes}′
        </Text>
        <Button
          label="+"
          accessibilityLabel="Late later"
          onPress={() =>
            setThresholds({
              lateMinutes: thresholds.lateMinutes + 1,
              overdueMinutes: Math.max(thresholds.overdueMinutes, thresholds.lateMinutes + 2),
            })
          }
        />
        <Text style={styles.toolText}>Overdue</Text>
        <Button
          label="−"
          accessibilityLabel="Overdue sooner"
          onPress={() =>
            setThresholds({
              ...thresholds,
              overdueMinutes: Math.max(thresholds.lateMinutes + 1, thresholds.overdueMinutes - 1),
            })
          }
        />
        <Text style={styles.toolText} testID="overdue-minutes">
          {thresholds.overdueMinutes}′
        </Text>
        <Button
          label="+"
          accessibilityLabel="Overdue later"
          onPress={() => setThresholds({ ...thresholds, overdueMinutes: thresholds.overdueMinutes + 1 })}
        />
        <Button
          label={lastBumped ? `Recall T${lastBumped.tableNumber}` : 'Recall'}
          testID="recall"
          disabled={!lastBumped}
          onPress={() => {
            if (lastBumped) {
              void command(`/api/v1/kitchen/tickets/${lastBumped.ticketId}/recall`, `Recall table ${lastBumped.tableNumber}`);
              setLastBumped(null);
            }
          }}
        />
      </View>
      <View style={styles.allDay} testID="all-day">
        <Text style={styles.allDayTitle}>All day</Text>
        {counts.length === 0 && <Text style={styles.toolText}>nothing waiting</Text>}
        {counts.map(({ name, quantity }) => {
          const item = items.find((i) => i.name === name);
          return (
            <View key={name} style={styles.count} testID={`all-day-${name}`}>
              <Text style={styles.countText}>
                {quantity} × {name}
              </Text>
              {item?.available && (
                <Button
                  label="86"
                  kind="danger"
                  testID={`eighty-six-${name}`}
                  accessibilityLabel={`Mark ${name} as run out`}
                  onPress={() => availability(item, false)}
                />
              )}
            </View>
          );
        })}
        {items
          .filter((i) => !i.available)
          .map((i) => (
            <Button
              key={i.id}
              label={`${i.name} back on`}
              testID={`back-on-${i.name}`}
              onPress={() => availability(i, true)}
            />
          ))}
      </View>
      <ScrollView contentContainerStyle={styles.board} testID="kitchen-board">
        {board.length === 0 && <Text style={styles.empty}>No open tickets.</Text>}
        {board.map((ticket) => (
          <TicketCard
            key={ticket.ticketId}
            ticket={ticket}
            now={now}
            thresholds={thresholds}
            width={`${100 / columns}%`}
            onItem={(item) => onItem(ticket, item)}
            onBump={() => {
              setLastBumped(ticket);
              void command(`/api/v1/kitchen/tickets/${ticket.ticketId}/bump`, `Bump table ${ticket.tableNumber}`);
            }}
          />
        ))}
      </ScrollView>
    </View>
  );
}

const styles = StyleSheet.create({
  page: { flex: 1, backgroundColor: colours.kitchen.page },
  toolbar: { flexDirection: 'row', flexWrap: 'wrap', alignItems: 'center', gap: 6, padding: 6 },
  spacer: { flex: 1 },
  toolText: { color: colours.kitchen.text, fontSize: 16, fontWeight: '700' },
  allDay: {
    flexDirection: 'row',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: 8,
    paddingHorizontal: 8,
    paddingBottom: 4,
  },
  allDayTitle: { color: colours.kitchen.allergen, fontSize: 16, fontWeight: '900' },
  count: { flexDirection: 'row', alignItems: 'center', gap: 4 },
  countText: { color: colours.kitchen.text, fontSize: 18, fontWeight: '800' },
  board: { flexDirection: 'row', flexWrap: 'wrap', padding: 4, alignItems: 'flex-start' },
  empty: { color: colours.kitchen.subtle, fontSize: 20, padding: 12 },
});
