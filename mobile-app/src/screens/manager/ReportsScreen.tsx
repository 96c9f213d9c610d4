import { useCallback, useEffect, useState } from 'react';
import { ScrollView, StyleSheet, Text, View } from 'react-native';

import { ApiError } from '../../api/problem';
import type { Adjustment, ItemSales, SalesReport, SalesRow, Settings, StationTimes } from '../../api/types';
import { decimal, toCsv } from '../../files/csv';
import { saveFile } from '../../files/save';
import { useServices } from '../../services';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { DataTable, type Column } from '../../ui/DataTable';
import { Field } from '../../ui/Field';
import { Section } from '../../ui/Section';
import { colours, money } from '../../ui/theme';
import { day } from '../../ui/time';
import { BestSellersChart, KitchenTimesChart, minutes, SalesByHourChart } from './charts';
import { ReplayPanel } from './ReplayPanel';

interface Reports {
  byHour: SalesReport;
  byWaiter: SalesReport;
  byTable: SalesReport;
  items: ItemSales[];
  kitchen: StationTimes[];
  adjustments: Adjustment[];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function period(from: string, to: string): string {
  const parts = [from && `from=${encodeURIComponent(from)}`, to && `to=${encodeURIComponent(to)}`].filter(Boolean);
  return parts.join('&');
}

/** The report's period as the restaurant counts days: `to` is exclusive, so its last day is the one before it ends. */
function periodLabel(report: SalesReport): string {
  const first = day(report.from, report.timeZone);
  const last = day(new Date(Date.parse(report.to) - 1).toISOString(), report.timeZone);
  return `${first === last ? first : `${first} to ${last}`} (${report.timeZone})`;
}

const SALES_HEADINGS = ['orders', 'covers', 'gross', 'discount', 'tax', 'net', 'tips', 'average check'];

function salesCsv(first: string, report: SalesReport): string {
  const figures = (r: Omit<SalesRow, 'key'>) => [
    r.orders,
    r.covers,
    decimal(r.grossCents),
    decimal(r.discountCents),
    decimal(r.taxCents),
    decimal(r.netCents),
    decimal(r.tipsCents),
    decimal(r.averageCheckCents),
  ];
  return toCsv([first, ...SALES_HEADINGS], [...report.rows.map((r) => [r.key, ...figures(r)]), ['total', ...figures(report.totals)]]);
}

function salesColumns(first: string, currency: string): Column<SalesRow>[] {
  return [
    { title: first, value: (r) => r.key, width: 150 },
    { title: 'Orders', value: (r) => String(r.orders), numeric: true, width: 70 },
    { title: 'Covers', value: (r) => String(r.covers), numeric: true, width: 70 },
    { title: 'Gross', value: (r) => money(r.grossCents, currency), numeric: true },
    { title: 'Discounts', value: (r) => money(r.discountCents, currency), numeric: true },
    { title: 'Net', value: (r) => money(r.netCents, currency), numeric: true },
    { title: 'Tips', value: (r) => money(r.tipsCents, currency), numeric: true, width: 90 },
    { title: 'Avg check', value: (r) => money(r.averageCheckCents, currency), numeric: true },
  ];
}

function salesTotals(report: SalesReport, currency: string): string[] {
  const t = report.totals;
  return ['Total', String(t.orders), String(t.covers), money(t.grossCents, currency), money(t.discountCents, currency),
    money(t.netCents, currency), money(t.tipsCents, currency), money(t.averageCheckCents, currency)];
}

/** The manager's reports for a day or a range: charts to read at a glance, tables with totals, each as CSV. */
export function ReportsScreen() {
  const { api } = useServices();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [shown, setShown] = useState({ from: '', to: '' });
  const [reports, setReports] = useState<Reports | null>(null);
  const [currency, setCurrency] = useState('EUR');
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    const q = period(shown.from, shown.to);
    const and = q ? `&${q}` : '';
    const only = q ? `?${q}` : '';
    Promise.all([
      api.get<SalesReport>(`/api/v1/reports/sales?groupBy=hour${and}`),
      api.get<SalesReport>(`/api/v1/reports/sales?groupBy=waiter${and}`),
      api.get<SalesReport>(`/api/v1/reports/sales?groupBy=table${and}`),
      api.get<ItemSales[]>(`/api/v1/reports/items${only}`),
      api.get<StationTimes[]>(`/api/v1/reports/kitchen${only}`),
      api.get<Adjustment[]>(`/api/v1/reports/adjustments${only}`),
    ])
      .then(([byHour, byWaiter, byTable, items, kitchen, adjustments]) => {
        setReports({ byHour, byWaiter, byTable, items, kitchen, adjustments });
        setError(null);
      })
      .catch((e: Error) => setError(e instanceof ApiError ? e.explanation : e.message));
  }, [api, shown]);

  useEffect(load, [load]);
  useEffect(() => {
    api
      .get<Settings>('/api/v1/settings')
      .then((s) => setCurrency(s.currency))
      .catch(() => undefined);
  }, [api]);

  const badDates = (from && !DAY.test(from)) || (to && !DAY.test(to));
  const label = shown.from || shown.to ? `${shown.from || 'today'}_${shown.to || 'today'}` : 'today';
  const csv = (name: string, text: string) => () => saveFile(`${name}-${label}.csv`, text, 'text/csv');

  return (
    <ScrollView contentContainerStyle={styles.page} testID="reports-screen">
      <Text style={styles.title} accessibilityRole="header">
        Reports
      </Text>
      <View style={styles.row}>
        <Field label="From (yyyy-mm-dd)" value={from} onChange={setFrom} placeholder="today" testID="report-from" width={170} />
        <Field label="To (yyyy-mm-dd)" value={to} onChange={setTo} placeholder="today" testID="report-to" width={170} />
        <Button label="Show" kind="primary" testID="report-show" disabled={!!badDates} onPress={() => setShown({ from, to })} />
        <Button
          label="Today"
          testID="report-today"
          onPress={() => {
            setFrom('');
            setTo('');
            setShown({ from: '', to: '' });
          }}
        />
      </View>
      {badDates ? <Text style={styles.error}>A day is written yyyy-mm-dd, e.g. 2026-11-30.</Text> : null}

      <ReplayPanel onDone={load} />
      {error && <Banner tone="error" message={error} testID="reports-error" />}
      {!reports && !error && <Text style={styles.muted}>Reading the reports…</Text>}
      {reports && (
        <>
          <Text style={styles.muted} testID="report-period">
            {periodLabel(reports.byHour)}
          </Text>
          <Section
            title="Sales by hour"
            testID="sales-by-hour"
            actions={<Button label="CSV" testID="csv-sales-by-hour" onPress={csv('sales-by-hour', salesCsv('hour', reports.byHour))} />}
          >
            {reports.byHour.rows.length > 0 ? (
              <SalesByHourChart rows={reports.byHour.rows} currency={currency} />
            ) : (
              <Text style={styles.muted}>No sales in this period.</Text>
            )}
            <DataTable
              testID="sales-hour-table"
              columns={salesColumns('Hour', currency)}
              rows={reports.byHour.rows}
              rowKey={(r) => r.key}
              totals={salesTotals(reports.byHour, currency)}
            />
          </Section>

          <Section
            title="Best sellers"
            testID="best-sellers"
            actions={
              <Button
                label="CSV"
                testID="csv-best-sellers"
                onPress={csv(
                  'best-sellers',
                  toCsv(['item', 'quantity', 'gross'], reports.items.map((i) => [i.name, i.quantity, decimal(i.grossCents)])),
                )}
              />
            }
          >
            {reports.items.length > 0 && <BestSellersChart items={reports.items} />}
            <DataTable
              testID="best-sellers-table"
              columns={[
                { title: '#', value: (i) => String(reports.items.indexOf(i) + 1), numeric: true, width: 36 },
                { title: 'Item', value: (i) => i.name, width: 200 },
                { title: 'Quantity', value: (i) => String(i.quantity), numeric: true, width: 80 },
                { title: 'Gross', value: (i) => money(i.grossCents, currency), numeric: true },
              ]}
              rows={reports.items}
              rowKey={(i) => i.menuItemId}
            />
          </Section>

          {(['waiter', 'table'] as const).map((by) => {
            const report = by === 'waiter' ? reports.byWaiter : reports.byTable;
            return (
              <Section
                key={by}
                title={`Sales by ${by}`}
                testID={`sales-by-${by}`}
                actions={<Button label="CSV" testID={`csv-sales-by-${by}`} onPress={csv(`sales-by-${by}`, salesCsv(by, report))} />}
              >
                <DataTable
                  testID={`sales-${by}-table`}
                  columns={salesColumns(by === 'waiter' ? 'Waiter' : 'Table', currency)}
                  rows={report.rows}
                  rowKey={(r) => r.key}
                  totals={salesTotals(report, currency)}
                />
              </Section>
            );
          })}

          <Section
            title="Kitchen times per station"
            testID="kitchen-times"
            actions={
              <Button
                label="CSV"
                testID="csv-kitchen"
                onPress={csv(
                  'kitchen-times',
                  toCsv(
                    ['station', 'tickets', 'p50 seconds', 'p90 seconds', 'max seconds', 'delayed'],
                    reports.kitchen.map((s) => [s.station, s.tickets, s.p50Seconds, s.p90Seconds, s.maxSeconds, s.delayed]),
                  ),
                )}
              />
            }
          >
            {reports.kitchen.length > 0 && <KitchenTimesChart stations={reports.kitchen} />}
            <DataTable
              testID="kitchen-table"
              columns={[
                { title: 'Station', value: (s) => s.station },
                { title: 'Tickets', value: (s) => String(s.tickets), numeric: true, width: 70 },
                { title: 'p50', value: (s) => minutes(s.p50Seconds), numeric: true, width: 70 },
                { title: 'p90', value: (s) => minutes(s.p90Seconds), numeric: true, width: 70 },
                { title: 'Max', value: (s) => minutes(s.maxSeconds), numeric: true, width: 70 },
                { title: 'Delayed', value: (s) => String(s.delayed), numeric: true, width: 70 },
              ]}
              rows={reports.kitchen}
              rowKey={(s) => s.station}
            />
          </Section>

          <Section
            title="Adjustments"
            testID="adjustments"
            actions={
              <Button
                label="CSV"
                testID="csv-adjustments"
                onPress={csv(
                  'adjustments',
                  toCsv(
                    ['at', 'kind', 'order', 'bill', 'amount', 'reason', 'asked by', 'approved by'],
                    reports.adjustments.map((a) => [a.at, a.kind, a.orderId, a.billId, decimal(a.amountCents), a.reason, a.by, a.approvedBy]),
                  ),
                )}
              />
            }
          >
            <DataTable
              testID="adjustments-table"
              columns={[
                { title: 'When', value: (a) => a.at.slice(0, 16).replace('T', ' '), width: 140 },
                { title: 'Kind', value: (a) => a.kind.replace('_', ' ').toLowerCase(), width: 90 },
                { title: 'Amount', value: (a) => money(a.amountCents, currency), numeric: true, width: 90 },
                { title: 'Reason', value: (a) => a.reason, width: 200 },
                { title: 'Asked by', value: (a) => a.by },
                { title: 'Approved by', value: (a) => a.approvedBy ?? '–' },
              ]}
              rows={reports.adjustments}
              rowKey={(a) => `${a.at}-${a.kind}-${a.orderId ?? a.billId}-${a.amountCents}`}
              empty="No voids, discounts, comps or refunds in this period."
            />
          </Section>
        </>
      )}
    </ScrollView>
  );
}

const styles = StyleSheet.create({
  page: { padding: 12, gap: 12, maxWidth: 1200, width: '100%', alignSelf: 'center' },
  title: { fontSize: 22, fontWeight: '800', color: colours.ink },
  row: { flexDirection: 'row', flexWrap: 'wrap', gap: 8, alignItems: 'flex-end' },
  muted: { color: colours.muted, fontSize: 15 },
  error: { color: colours.danger },
});
