import { useCallback, useEffect, useRef, useState } from 'react';
import { ScrollView, StyleSheet, Text, View } from 'react-native';

import type { FloorRow, SalesReport, Settings, TicketView } from '../../api/types';
import { useRouter } from '../../navigation/Router';
import type { Route } from '../../navigation/routes';
import { useLive } from '../../realtime/useLive';
import { useServices } from '../../services';
import { Button } from '../../ui/Button';
import { colours, money } from '../../ui/theme';

interface Glance {
  sales: SalesReport['totals'] | null;
  openTables: number;
  tables: number;
  waiting: number;
  slowest: { station: string; minutes: number } | null;
}

/** The station whose oldest open ticket has waited longest: where the pass is held up right now. */
export function slowestStation(board: TicketView[], now = Date.now()): Glance['slowest'] {
  let slowest: Glance['slowest'] = null;
  for (const ticket of board.filter((t) => t.status === 'OPEN')) {
    const minutes = Math.floor((now - Date.parse(ticket.createdAt)) / 60_000);
    if (!slowest || minutes > slowest.minutes) {
      slowest = { station: ticket.station, minutes };
    }
  }
  return slowest;
}

/** Live changes come in bursts (a send makes a ticket per station): the figures are read again at most once a second. */
const SETTLE_MS = 1000;

/** Today at a glance, live, and the way to the floor, the pass and the back office. */
export function ManagerHome() {
  const { api } = useServices();
  const { navigate } = useRouter();
  const [glance, setGlance] = useState<Glance | null>(null);
  const [currency, setCurrency] = useState('EUR');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const reread = useCallback(() => {
    Promise.all([
      api.get<SalesReport>('/api/v1/reports/sales?groupBy=day').catch(() => null),
      api.get<FloorRow[]>('/api/v1/floor').catch(() => [] as FloorRow[]),
      api.get<TicketView[]>('/api/v1/kitchen/board').catch(() => [] as TicketView[]),
    ]).then(([sales, floor, board]) =>
      setGlance({
        sales: sales?.totals ?? null,
        openTables: floor.filter((r) => r.order || r.table.status !== 'FREE').length,
        tables: floor.length,
        waiting: board.filter((t) => t.status === 'OPEN').length,
        slowest: slowestStation(board),
      }),
    );
  }, [api]);

  const soon = useCallback(() => {
    if (!timer.current) {
      timer.current = setTimeout(() => {
        timer.current = null;
        reread();
      }, SETTLE_MS);
    }
  }, [reread]);

  useEffect(() => () => {
    if (timer.current) {
      clearTimeout(timer.current);
    }
  }, []);
  useEffect(() => {
    api
      .get<Settings>('/api/v1/settings')
      .then((s) => setCurrency(s.currency))
      .catch(() => undefined);
  }, [api]);

  useLive('/topic/floor', soon, reread);
  useLive('/topic/kitchen', soon, soon);
  useLive('/topic/bills', soon, soon);

  const admin = api.user?.role === 'ADMIN';
  const go = (route: Route) => () => navigate(route);
  return (
    <ScrollView contentContainerStyle={styles.page} testID="manager-home">
      <Text style={styles.title} accessibilityRole="header">
        Today
      </Text>
      <View style={styles.tiles} testID="today-at-a-glance">
        <Tile label="Sales so far" value={glance?.sales ? money(glance.sales.grossCents, currency) : '–'} testID="glance-sales" />
        <Tile label="Covers" value={glance?.sales ? String(glance.sales.covers) : '–'} testID="glance-covers" />
        <Tile
          label="Average check"
          value={glance?.sales ? money(glance.sales.averageCheckCents, currency) : '–'}
          testID="glance-average"
        />
        <Tile label="Open tables" value={glance ? `${glance.openTables} of ${glance.tables}` : '–'} testID="glance-tables" />
        <Tile label="Tickets waiting" value={glance ? String(glance.waiting) : '–'} testID="glance-tickets" />
        <Tile
          label="Slowest station"
          value={glance?.slowest ? `${glance.slowest.station} · ${glance.slowest.minutes} min` : glance ? 'none waiting' : '–'}
          testID="glance-slowest"
        />
      </View>
      <Text style={styles.title} accessibilityRole="header">
        Service
      </Text>
      <View style={styles.row}>
        <Button label="Floor and tables" kind="primary" testID="manager-floor" onPress={go({ name: 'floor' })} />
        <Button label="Kitchen display" kind="primary" testID="manager-kitchen" onPress={go({ name: 'kitchen' })} />
      </View>
      <Text style={styles.title} accessibilityRole="header">
        Back office
      </Text>
      <View style={styles.row}>
        <Button label="Reports" testID="manager-reports" onPress={go({ name: 'reports' })} />
        <Button label="Menu" testID="manager-menu" onPress={go({ name: 'menu-editor' })} />
        <Button label="Tables and QR codes" testID="manager-tables" onPress={go({ name: 'tables-editor' })} />
        <Button label="Settings" testID="manager-settings" onPress={go({ name: 'settings' })} />
        {admin && <Button label="Users" testID="manager-users" onPress={go({ name: 'users' })} />}
        {admin && <Button label="Audit" testID="manager-audit" onPress={go({ name: 'auditor' })} />}
      </View>
    </ScrollView>
  );
}

function Tile({ label, value, testID }: { label: string; value: string; testID: string }) {
  return (
    <View style={styles.tile} accessible accessibilityLabel={`${label}: ${value}`}>
      <Text style={styles.tileLabel}>{label}</Text>
      <Text style={styles.tileValue} testID={testID}>
        {value}
      </Text>
    </View>
  );
}

const styles = StyleSheet.create({
  page: { padding: 16, gap: 12 },
  title: { fontSize: 22, fontWeight: '800', color: colours.ink },
  row: { flexDirection: 'row', gap: 12, flexWrap: 'wrap' },
  tiles: { flexDirection: 'row', flexWrap: 'wrap', gap: 10 },
  tile: {
    flexGrow: 1,
    flexBasis: 160,
    padding: 12,
    borderRadius: 10,
    backgroundColor: colours.paper,
    borderWidth: 1,
    borderColor: colours.line,
    gap: 4,
  },
  tileLabel: { fontSize: 14, color: colours.muted, fontWeight: '600' },
  tileValue: { fontSize: 24, fontWeight: '800', color: colours.ink },
});
