import { useState, type ReactNode } from 'react';
import { StyleSheet, Text, useWindowDimensions, View, type LayoutChangeEvent } from 'react-native';
import { BarChart } from 'react-native-gifted-charts';

import type { ItemSales, SalesRow, StationTimes } from '../../api/types';
import { colours, money } from '../../ui/theme';

const AXIS = 48;

/** Bars sized to the width the chart is given, so the same chart reads on a phone and on a 1280-wide screen. */
function Sized({ children, testID }: { children: (width: number) => ReactNode; testID: string }) {
  // Until the chart's own box is measured, the window less the page's margins is a close guess.
  const window = useWindowDimensions();
  const [width, setWidth] = useState(Math.min(window.width, 1200) - 50);
  return (
    <View testID={testID} style={styles.chart} onLayout={(e: LayoutChangeEvent) => setWidth(e.nativeEvent.layout.width)}>
      {width > 0 && children(width)}
    </View>
  );
}

function barWidthFor(width: number, bars: number, spacing: number): number {
  return Math.max(6, Math.min(48, Math.floor((width - AXIS - 24) / Math.max(1, bars) - spacing)));
}

function TopLabel({ text, testID }: { text: string; testID: string }) {
  return (
    <Text style={styles.top} numberOfLines={1} testID={testID}>
      {text}
    </Text>
  );
}

export const hourOf = (key: string) => key.slice(11, 16) || key;

/** Sales by hour as bars of gross takings, each bar labelled with its figure. */
export function SalesByHourChart({ rows, currency }: { rows: SalesRow[]; currency: string }) {
  return (
    <Sized testID="sales-by-hour-chart">
      {(width) => {
        const spacing = 10;
        const barWidth = barWidthFor(width, rows.length, spacing);
        return (
          <BarChart
            data={rows.map((row) => ({
              value: row.grossCents / 100,
              label: hourOf(row.key),
              frontColor: colours.primary,
              topLabelComponent: () => <TopLabel text={money(row.grossCents, currency)} testID={`sales-hour-bar-${row.key}`} />,
            }))}
            width={width - AXIS - 8}
            height={180}
            barWidth={barWidth}
            spacing={spacing}
            initialSpacing={spacing}
            noOfSections={4}
            yAxisLabelWidth={AXIS}
            yAxisTextStyle={styles.axis}
            xAxisLabelTextStyle={styles.axis}
            labelWidth={barWidth + spacing}
            topLabelContainerStyle={styles.topBox}
            disableScroll={rows.length * (barWidth + spacing) < width}
            isAnimated={false}
            animationDuration={0}
          />
        );
      }}
    </Sized>
  );
}

/** The ten best sellers by quantity. */
export function BestSellersChart({ items }: { items: ItemSales[] }) {
  const top = items.slice(0, 10);
  return (
    <Sized testID="best-sellers-chart">
      {(width) => {
        const spacing = 12;
        const barWidth = barWidthFor(width, top.length, spacing);
        return (
          <BarChart
            data={top.map((item) => ({
              value: item.quantity,
              label: item.name.length > 10 ? `${item.name.slice(0, 9)}…` : item.name,
              frontColor: '#0f766e',
              topLabelComponent: () => <TopLabel text={String(item.quantity)} testID={`best-seller-bar-${item.menuItemId}`} />,
            }))}
            width={width - AXIS - 8}
            height={160}
            barWidth={barWidth}
            spacing={spacing}
            initialSpacing={spacing}
            noOfSections={4}
            yAxisLabelWidth={AXIS}
            yAxisTextStyle={styles.axis}
            xAxisLabelTextStyle={styles.axis}
            labelWidth={barWidth + spacing}
            rotateLabel={width < 500}
            isAnimated={false}
            animationDuration={0}
          />
        );
      }}
    </Sized>
  );
}

const TIMES: { key: 'p50Seconds' | 'p90Seconds' | 'maxSeconds'; label: string; colour: string }[] = [
  { key: 'p50Seconds', label: 'p50', colour: '#60a5fa' },
  { key: 'p90Seconds', label: 'p90', colour: '#1d4ed8' },
  { key: 'maxSeconds', label: 'max', colour: '#1e3a8a' },
];

export function minutes(seconds: number | null): string {
  if (seconds === null || seconds === undefined) {
    return '–';
  }
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/** Kitchen times per station: p50, p90 and the slowest ticket side by side, in minutes and seconds. */
export function KitchenTimesChart({ stations }: { stations: StationTimes[] }) {
  return (
    <View>
      <View style={styles.legend}>
        {TIMES.map((t) => (
          <View key={t.key} style={styles.legendItem}>
            <View style={[styles.swatch, { backgroundColor: t.colour }]} />
            <Text style={styles.axis}>{t.label}</Text>
          </View>
        ))}
      </View>
      <Sized testID="kitchen-times-chart">
        {(width) => {
          const barWidth = barWidthFor(width, stations.length * 3, 6);
          return (
            <BarChart
              data={stations.flatMap((s) =>
                TIMES.map((t, i) => ({
                  value: s[t.key] ?? 0,
                  label: i === 0 ? s.station : '',
                  frontColor: t.colour,
                  spacing: i === TIMES.length - 1 ? 18 : 2,
                  labelWidth: barWidth * 3 + 4,
                })),
              )}
              width={width - AXIS - 8}
              height={150}
              barWidth={barWidth}
              initialSpacing={10}
              noOfSections={4}
              yAxisLabelWidth={AXIS}
              yAxisTextStyle={styles.axis}
              xAxisLabelTextStyle={styles.axis}
              formatYLabel={(label: string) => minutes(Number(label))}
              isAnimated={false}
              animationDuration={0}
            />
          );
        }}
      </Sized>
    </View>
  );
}

const styles = StyleSheet.create({
  chart: { width: '100%', paddingVertical: 4 },
  axis: { fontSize: 11, color: colours.muted },
  top: { fontSize: 11, color: colours.ink, fontWeight: '700' },
  topBox: { width: 80, marginLeft: -30, alignItems: 'center' },
  legend: { flexDirection: 'row', gap: 12 },
  legendItem: { flexDirection: 'row', alignItems: 'center', gap: 4 },
  swatch: { width: 12, height: 12, borderRadius: 2 },
});
