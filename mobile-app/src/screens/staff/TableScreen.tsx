import { useCallback, useEffect, useState } from 'react';
import { ScrollView, StyleSheet, Text, View } from 'react-native';

import { ApiError } from '../../api/problem';
import type { FloorRow, Menu, OrderView } from '../../api/types';
import { useRouter } from '../../navigation/Router';
import { newId } from '../../outbox/ids';
import { Versions } from '../../realtime/live';
import { useLive } from '../../realtime/useLive';
import { useOutbox, useServices } from '../../services';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { ReasonAction } from '../../ui/ReasonAction';
import { colours, money } from '../../ui/theme';
import { BillPanel } from './BillPanel';
import { MenuPicker, type LineChoice } from './MenuPicker';
import { OrderLines, type PendingLine } from './OrderLines';

/** How often the menu is read again, so items the kitchen 86'd turn grey while the waiter is at the table. */
const MENU_REREAD_MS = 10_000;
const FLOOR_RETRY_MS = 3_000;
const NO_SUCH_TABLE = 'There is no such table.';

/** One table: open it, take the order, send it, serve it, bill it. `/tables/{id}` (the table's QR code) lands here. */
export function TableScreen({ tableId, knownOrderId }: { tableId: string; knownOrderId?: string }) {
  const { api, outbox } = useServices();
  const { navigate } = useRouter();
  const managing = api.user?.role === 'MANAGER' || api.user?.role === 'ADMIN';
  const { pending } = useOutbox();
  const [floor, setFloor] = useState<FloorRow[]>([]);
  const [menu, setMenu] = useState<Menu | null>(null);
  const [openedHere, setOpenedHere] = useState<string | null>(knownOrderId ?? null);
  const [order, setOrder] = useState<OrderView | null>(null);
  const [guests, setGuests] = useState(2);
  const [floorVersions] = useState(() => new Versions());
  const [orderVersions] = useState(() => new Versions());
  const [transferring, setTransferring] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);

  const row = floor.find((r) => r.table.id === tableId) ?? null;
  const orderId = row?.order?.id ?? row?.table.orderId ?? openedHere;
  const freed = openedHere !== null && order?.status === 'CLOSED';

  const rereadFloor = useCallback(() => {
    api
      .get<FloorRow[]>('/api/v1/floor')
      .then((rows) => {
        setFloor(rows);
        setLoadError(rows.some((r) => r.table.id === tableId) ? null : NO_SUCH_TABLE);
      })
      .catch((e: Error) => setLoadError(e instanceof ApiError ? e.explanation : e.message));
  }, [api, tableId]);

  // a floor read that failed (the network, a busy server) is tried again until one answers; the table on screen stays
  const floorUnread = loadError !== null && loadError !== NO_SUCH_TABLE;
  useEffect(() => {
    if (!floorUnread) {
      return undefined;
    }
    const timer = setInterval(rereadFloor, FLOOR_RETRY_MS);
    return () => clearInterval(timer);
  }, [floorUnread, rereadFloor]);

  useLive<FloorRow>(
    '/topic/floor',
    (message) => {
      const next = message.data;
      if (next?.table && floorVersions.isNewer(next.table.id, message.version)) {
        setFloor((held) => [...held.filter((r) => r.table.id !== next.table.id), next]);
      }
    },
    rereadFloor,
  );

  const rereadOrder = useCallback(() => {
    if (!orderId) {
      return;
    }
    api
      .get<OrderView>(`/api/v1/orders/${orderId}`)
      .then((view) => {
        if (orderVersions.isNewer(view.orderId, view.version)) {
          setOrder(view);
        }
      })
      .catch(() => undefined);
  }, [api, orderId, orderVersions]);

  useLive<OrderView>(
    orderId ? `/topic/orders.${orderId}` : null,
    (message) => {
      if (message.data?.orderId === orderId && orderVersions.isNewer(orderId, message.version)) {
        setOrder(message.data);
      }
    },
    rereadOrder,
  );

  useEffect(() => {
    const read = () =>
      api
        .get<Menu>('/api/v1/menu')
        .then(setMenu)
        .catch(() => undefined);
    read();
    const timer = setInterval(read, MENU_REREAD_MS);
    return () => clearInterval(timer);
  }, [api]);

  const mine = pending.filter((c) => orderId && c.scope === orderId);
  const pendingLines = mine
    .filter((c) => c.preview?.kind === 'line')
    .map((c) => c.preview as unknown as PendingLine)
    .filter((p) => !order?.lines.some((l) => l.lineId === p.lineId));

  const enqueue = (path: string, body: unknown, label: string) =>
    outbox.enqueue({ method: 'POST', path, body, label, scope: orderId ?? undefined });

  const open = async () => {
    const id = newId();
    setOpenedHere(id);
    await outbox.enqueue({
      method: 'POST',
      path: '/api/v1/orders',
      body: { orderId: id, tableId, guests },
      label: `Open table ${row?.table.number ?? ''} for ${guests}`,
      scope: id,
    });
  };

  const add = (choice: LineChoice) => {
    const lineId = newId();
    const modifiers = choice.item.modifiers.filter((m) => choice.modifierIds.includes(m.id)).map((m) => m.name);
    void outbox.enqueue({
      method: 'POST',
      path: `/api/v1/orders/${orderId}/lines`,
      body: {
        lineId,
        menuItemId: choice.item.id,
        quantity: choice.quantity,
        modifierIds: choice.modifierIds,
        ...(choice.seat ? { seat: choice.seat } : {}),
        ...(choice.course ? { course: choice.course } : {}),
        ...(choice.notes ? { notes: choice.notes } : {}),
      },
      label: `Add ${choice.quantity} × ${choice.item.name}`,
      scope: orderId ?? undefined,
      preview: {
        kind: 'line',
        lineId,
        name: choice.item.name,
        quantity: choice.quantity,
        modifiers,
        seat: choice.seat,
        course: choice.course,
        notes: choice.notes,
      },
    });
  };

  if (loadError && !row) {
    return <Banner tone="error" message={loadError} />;
  }
  if (!row) {
    return <Text style={styles.muted}>Loading the table…</Text>;
  }

  const table = row.table;
  const lines = order?.lines ?? [];
  const unsent = lines.filter((l) => l.state === 'NEW').length + pendingLines.length;
  const unsentCourses = [
    ...new Set(
      [...lines.filter((l) => l.state === 'NEW').map((l) => l.course), ...pendingLines.map((l) => l.course)].filter(
        (c): c is number => !!c,
      ),
    ),
  ].sort();
  const ready = lines.filter((l) => l.state === 'READY').length;
  const sending = mine.some((c) => c.path.endsWith('/send'));
  const billed = !!order?.billId || order?.status === 'BILLED';
  const closed = order?.status === 'CLOSED' || order?.status === 'CANCELLED';

  return (
    <ScrollView contentContainerStyle={styles.page} testID="table-screen">
      <View style={styles.head}>
        <Button label="← Floor" testID="back-to-floor" onPress={() => navigate({ name: 'floor' })} />
        <Text style={styles.title} accessibilityRole="header" testID="table-title">
          Table {table.number}
        </Text>
        <Text style={styles.muted} testID="table-status">
          {table.status === 'FREE' && !orderId ? 'Free' : (order?.status ?? (orderId ? 'Opening…' : table.status))}
        </Text>
      </View>

      {loadError && <Banner tone="error" testID="table-load-error" message={loadError} />}
      {(freed || (closed && table.status === 'FREE')) && (
        <Banner tone="info" testID="table-freed" message={`Paid. Table ${table.number} is free again.`} />
      )}

      {!orderId && (
        <View style={styles.block} testID="open-table">
          <Text style={styles.subtitle}>Open the table</Text>
          <View style={styles.row}>
            <Button label="−" accessibilityLabel="Fewer guests" onPress={() => setGuests(Math.max(1, guests - 1))} />
            <Text style={styles.value} testID="guests">
              {guests}
            </Text>
            <Button label="+" accessibilityLabel="More guests" testID="guests-more" onPress={() => setGuests(guests + 1)} />
            <Button label={`Open for ${guests}`} kind="primary" testID="open-table-submit" onPress={open} />
          </View>
        </View>
      )}

      {orderId && !closed && (
        <>
          <View style={styles.block}>
            <Text style={styles.subtitle}>
              Order{order ? ` · ${order.guests} guests · ${money(order.subtotalCents)}` : ''}
            </Text>
            <OrderLines
              lines={lines}
              pending={pendingLines}
              menu={menu}
              actionFor={
                managing
                  ? (line) =>
                      ['SENT', 'COOKING', 'READY', 'SERVED'].includes(line.state) && (
                        <ReasonAction
                          label="Void"
                          kind="danger"
                          testID={`void-line-${line.lineId}`}
                          onConfirm={(reason) => api.post(`/api/v1/orders/${orderId}/lines/${line.lineId}/void`, { reason })}
                        />
                      )
                  : undefined
              }
            />
            {!billed && (
              <View style={styles.row}>
                <Button
                  label={sending ? 'Send waiting for the network' : `Send ${unsent ? `${unsent} ` : ''}to kitchen`}
                  kind="primary"
                  testID="send-all"
                  disabled={unsent === 0 || sending}
                  onPress={() => enqueue(`/api/v1/orders/${orderId}/send`, {}, 'Send to the kitchen')}
                />
                {unsentCourses.map((course) => (
                  <Button
                    key={course}
                    label={`Send course ${course}`}
                    testID={`send-course-${course}`}
                    onPress={() => enqueue(`/api/v1/orders/${orderId}/send`, { course }, `Send course ${course}`)}
                  />
                ))}
                <Button
                  label={ready ? `Mark ${ready} served` : 'Mark served'}
                  testID="serve"
                  disabled={ready === 0}
                  onPress={() => enqueue(`/api/v1/orders/${orderId}/serve`, {}, 'Mark served')}
                />
                <Button label="Transfer" testID="transfer" onPress={() => setTransferring(!transferring)} />
                <Button
                  label="Request the bill"
                  testID="request-bill"
                  disabled={!order || lines.length === 0 || unsent > 0}
                  onPress={() => enqueue(`/api/v1/orders/${orderId}/bill`, undefined, 'Request the bill')}
                />
              </View>
            )}
            {transferring && (
              <View style={styles.row} testID="transfer-targets">
                <Text style={styles.muted}>Move to free table:</Text>
                {floor
                  .filter((r) => r.table.status === 'FREE' && !r.order)
                  .sort((a, b) => a.table.number - b.table.number)
                  .map((r) => (
                    <Button
                      key={r.table.id}
                      label={String(r.table.number)}
                      accessibilityLabel={`Move to table ${r.table.number}`}
                      onPress={async () => {
                        await enqueue(`/api/v1/orders/${orderId}/transfer`, { tableId: r.table.id }, `Move to table ${r.table.number}`);
                        navigate({ name: 'table', tableId: r.table.id, orderId: orderId ?? undefined });
                      }}
                    />
                  ))}
              </View>
            )}
          </View>
          {order?.billId && <BillPanel billId={order.billId} orderId={order.orderId} />}
          {!billed && menu && (
            <View style={styles.block}>
              <Text style={styles.subtitle}>Menu</Text>
              <MenuPicker menu={menu} guests={order?.guests ?? guests} onAdd={add} />
            </View>
          )}
        </>
      )}
    </ScrollView>
  );
}

const styles = StyleSheet.create({
  page: { padding: 12, gap: 12 },
  head: { flexDirection: 'row', alignItems: 'center', gap: 12 },
  title: { fontSize: 24, fontWeight: '800', color: colours.ink },
  subtitle: { fontSize: 18, fontWeight: '700', color: colours.ink },
  block: { gap: 8 },
  row: { flexDirection: 'row', flexWrap: 'wrap', gap: 8, alignItems: 'center' },
  value: { fontSize: 20, fontWeight: '700', minWidth: 30, textAlign: 'center', color: colours.ink },
  muted: { color: colours.muted, fontSize: 15, padding: 4 },
});
