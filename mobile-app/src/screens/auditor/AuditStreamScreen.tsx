import { useCallback, useEffect, useState } from 'react';
import { Pressable, ScrollView, StyleSheet, Text, View } from 'react-native';

import { ApiError } from '../../api/problem';
import type { AuditEvent, AuditService, Checkpoint, OrderView, Settings, StreamVerification } from '../../api/types';
import { saveFile } from '../../files/save';
import { useRouter } from '../../navigation/Router';
import { useServices } from '../../services';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { Section } from '../../ui/Section';
import { colours, money } from '../../ui/theme';
import { OrderLines } from '../staff/OrderLines';
import { clock, day } from '../../ui/time';
import { coveringCheckpoint, eventName, shortHash, verdict } from './audit';
import { VerifierInstructions } from './VerifierInstructions';

interface Trail {
  events: AuditEvent[];
  verification: StreamVerification;
  checkpoint: Checkpoint | null;
}

/** One aggregate's stream as a timeline, whether its chain holds, and for an order, how it stood at a chosen instant. */
export function AuditStreamScreen({ service, aggregateId }: { service: AuditService; aggregateId: string }) {
  const { api } = useServices();
  const { navigate } = useRouter();
  const [trail, setTrail] = useState<Trail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [timeZone, setTimeZone] = useState<string | undefined>(undefined);
  const base = `/api/v1/audit/${service}`;

  const load = useCallback(() => {
    Promise.all([
      api.get<AuditEvent[]>(`${base}/${aggregateId}/events`),
      api.get<StreamVerification>(`${base}/${aggregateId}/verify`),
      api.get<Checkpoint[]>(`${base}/checkpoints`).catch(() => [] as Checkpoint[]),
    ])
      .then(([events, verification, checkpoints]) => {
        setTrail({ events, verification, checkpoint: coveringCheckpoint(events, checkpoints) });
        setError(null);
      })
      .catch((e: Error) => setError(e instanceof ApiError ? e.explanation : e.message));
  }, [api, base, aggregateId]);
  useEffect(load, [load]);
  useEffect(() => {
    api
      .get<Settings>('/api/v1/settings')
      .then((s) => setTimeZone(s.timeZone))
      .catch(() => undefined);
  }, [api]);

  const save = (path: string, name: string, type: string) => async () => {
    try {
      await saveFile(name, await api.text(path), type);
    } catch (e) {
      setError(e instanceof ApiError ? e.explanation : String(e));
    }
  };

  const broken = trail && !trail.verification.valid ? trail.verification.firstBrokenSequence : null;
  return (
    <ScrollView contentContainerStyle={styles.page} testID="audit-stream">
      <View style={styles.row}>
        <Button label="← Feed" testID="back-to-feed" onPress={() => navigate({ name: 'auditor' })} />
        <Text style={styles.title} accessibilityRole="header">
          {service.replace(/s$/, '')} {aggregateId}
        </Text>
      </View>
      {error && <Banner tone="error" message={error} testID="stream-error" />}
      {trail && (
        <>
          <View
            style={[styles.verdict, trail.verification.valid ? styles.intact : styles.broken]}
            testID="stream-verdict"
            accessibilityRole="alert"
          >
            <Text style={styles.verdictText}>
              {trail.verification.valid ? '✓ ' : '✗ '}
              {verdict(trail.verification, trail.checkpoint, timeZone)}
            </Text>
            <Button label="Check again" testID="verify-again" onPress={load} />
          </View>

          {service === 'orders' && trail.events.length > 0 && (
            <OrderAtInstant orderId={aggregateId} events={trail.events} timeZone={timeZone} />
          )}

          <Section title={`Timeline · ${trail.events.length} events`} testID="stream-timeline">
            {trail.events.map((event) => (
              <View
                key={event.sequence}
                style={[styles.event, broken === event.sequence && styles.brokenEvent]}
                testID={`stream-event-${event.sequence}`}
              >
                <Text style={styles.sequence}>#{event.sequence}</Text>
                <Text style={styles.when}>
                  {day(event.timestamp, timeZone)} {clock(event.timestamp, timeZone, true)}
                </Text>
                <Text style={styles.type} accessibilityLabel={event.type}>
                  {eventName(event.type)}
                </Text>
                <Text style={styles.who}>
                  {event.metadata?.username ?? 'system'}
                  {event.metadata?.role ? ` · ${event.metadata.role}` : ''}
                </Text>
                <Text style={styles.hash} accessibilityLabel={`hash ${event.hash}`}>
                  {shortHash(event.hash)}
                </Text>
                {broken === event.sequence && (
                  <Text style={styles.brokenNote} testID="stream-broken-event">
                    This event no longer matches its hash
                  </Text>
                )}
              </View>
            ))}
          </Section>

          <Section title="Export" testID="stream-export">
            <View style={styles.row}>
              <Button
                label="Export this stream"
                testID="stream-export-file"
                onPress={save(`${base}/export?aggregateId=${aggregateId}`, `${service}-${aggregateId}.jsonl`, 'application/x-ndjson')}
              />
              <Button label="Public keys" testID="stream-keys" onPress={save(`${base}/keys`, 'keys.json', 'application/json')} />
            </View>
            <VerifierInstructions file={`${service}-${aggregateId}.jsonl`} />
          </Section>
        </>
      )}
    </ScrollView>
  );
}

/** A slider over the order's events: pick one and read the order as it stood just after it. */
function OrderAtInstant({ orderId, events, timeZone }: { orderId: string; events: AuditEvent[]; timeZone?: string }) {
  const { api } = useServices();
  const [at, setAt] = useState(events.length - 1);
  const [state, setState] = useState<OrderView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const chosen = events[Math.min(at, events.length - 1)];

  useEffect(() => {
    let current = true;
    api
      .get<OrderView>(`/api/v1/audit/orders/${orderId}/state?at=${encodeURIComponent(chosen.timestamp)}`)
      .then((view) => current && (setState(view), setError(null)))
      .catch((e: Error) => current && setError(e instanceof ApiError ? e.explanation : e.message));
    return () => {
      current = false;
    };
  }, [api, orderId, chosen.timestamp]);

  return (
    <Section title="The order as it stood" testID="order-at-instant">
      <View style={styles.slider} accessibilityRole="adjustable" aria-valuemin={0} aria-valuemax={events.length - 1} aria-valuenow={at}>
        <Button label="◀" accessibilityLabel="Earlier" testID="instant-earlier" disabled={at === 0} onPress={() => setAt(at - 1)} />
        <View style={styles.track}>
          {events.map((event, index) => (
            <Pressable
              key={event.sequence}
              onPress={() => setAt(index)}
              accessibilityRole="button"
              accessibilityLabel={`After ${eventName(event.type)} at ${clock(event.timestamp, timeZone, true)}`}
              testID={`instant-${event.sequence}`}
              style={[styles.tick, index <= at && styles.tickPast, index === at && styles.tickChosen]}
            />
          ))}
        </View>
        <Button label="▶" accessibilityLabel="Later" testID="instant-later" disabled={at >= events.length - 1} onPress={() => setAt(at + 1)} />
      </View>
      <Text style={styles.instant} testID="instant-chosen">
        {clock(chosen.timestamp, timeZone, true)}, after #{chosen.sequence} {eventName(chosen.type)}
      </Text>
      {error && <Text style={styles.errorText}>{error}</Text>}
      {state && (
        <View testID="instant-order">
          <Text style={styles.instant} testID="instant-status">
            {state.status} · table {state.tableNumber} · {state.guests} guests · {money(state.subtotalCents)}
          </Text>
          <OrderLines lines={state.lines} pending={[]} menu={null} />
        </View>
      )}
    </Section>
  );
}

const styles = StyleSheet.create({
  page: { padding: 12, gap: 10, maxWidth: 1200, width: '100%', alignSelf: 'center' },
  row: { flexDirection: 'row', flexWrap: 'wrap', gap: 8, alignItems: 'center' },
  title: { fontSize: 20, fontWeight: '800', color: colours.ink, flexShrink: 1 },
  verdict: { flexDirection: 'row', flexWrap: 'wrap', alignItems: 'center', gap: 8, padding: 12, borderRadius: 8 },
  intact: { backgroundColor: '#166534' },
  broken: { backgroundColor: colours.danger },
  verdictText: { color: colours.paper, fontSize: 18, fontWeight: '800', flexShrink: 1, flexGrow: 1 },
  event: {
    flexDirection: 'row',
    flexWrap: 'wrap',
    columnGap: 12,
    alignItems: 'center',
    paddingVertical: 6,
    borderTopWidth: 1,
    borderTopColor: colours.line,
  },
  brokenEvent: { backgroundColor: '#fee2e2' },
  brokenNote: { color: colours.danger, fontWeight: '800', width: '100%' },
  sequence: { fontWeight: '800', color: colours.ink, width: 36 },
  when: { fontSize: 14, color: colours.ink, width: 150 },
  type: { fontSize: 14, fontWeight: '700', color: colours.ink, minWidth: 170 },
  who: { fontSize: 14, color: colours.muted, minWidth: 120 },
  hash: { fontFamily: 'monospace', fontSize: 12, color: colours.muted },
  slider: { flexDirection: 'row', alignItems: 'center', gap: 8 },
  track: { flex: 1, flexDirection: 'row', alignItems: 'center', gap: 2, minHeight: 44 },
  tick: { flex: 1, height: 20, borderRadius: 4, backgroundColor: colours.line, minWidth: 8 },
  tickPast: { backgroundColor: '#93c5fd' },
  tickChosen: { backgroundColor: colours.primary, height: 32 },
  instant: { fontSize: 15, color: colours.ink, fontWeight: '600' },
  errorText: { color: colours.danger },
});
