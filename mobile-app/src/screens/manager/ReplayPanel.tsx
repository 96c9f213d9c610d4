import { useCallback, useRef, useState } from 'react';
import { StyleSheet, Text, View } from 'react-native';

import { ApiError } from '../../api/problem';
import type { ReplayStatus } from '../../api/types';
import { useLive } from '../../realtime/useLive';
import { useServices } from '../../services';
import { Button } from '../../ui/Button';
import { colours } from '../../ui/theme';

export function timeLeft(status: ReplayStatus): string | null {
  if (status.state !== 'RUNNING' || !status.eventsPerSecond || status.total <= status.processed) {
    return null;
  }
  const seconds = Math.ceil((status.total - status.processed) / status.eventsPerSecond);
  return seconds < 60 ? `${seconds} s left` : `${Math.floor(seconds / 60)} min ${seconds % 60} s left`;
}

/**
 * Rebuilding every report from the first event, with its progress as `/topic/reports.replay` pushes it. The reports
 * keep answering from the current tables meanwhile, so the page around this stays usable; `onDone` rereads them.
 */
export function ReplayPanel({ onDone }: { onDone: () => void }) {
  const { api } = useServices();
  const [status, setStatus] = useState<ReplayStatus | null>(null);
  const [error, setError] = useState<string | null>(null);

  const lastState = useRef<string | null>(null);

  const take = useCallback(
    (next: ReplayStatus) => {
      if (lastState.current === 'RUNNING' && next.state === 'DONE') {
        onDone();
      }
      lastState.current = next.state;
      setStatus(next);
    },
    [onDone],
  );

  const reread = useCallback(() => {
    api
      .get<ReplayStatus>('/api/v1/reports/replay')
      .then(take)
      .catch(() => undefined);
  }, [api, take]);

  useLive<ReplayStatus>('/topic/reports.replay', (message) => message.data && take(message.data), reread);

  const start = async () => {
    setError(null);
    try {
      await api.post('/api/v1/reports/replay');
      lastState.current = 'RUNNING';
      setStatus((held) => ({
        ...(held ?? { replayId: null, startedAt: null, finishedAt: null, reason: null }),
        state: 'RUNNING',
        processed: 0,
        total: 0,
        eventsPerSecond: 0,
      }));
    } catch (e) {
      setError(e instanceof ApiError ? e.explanation : String(e));
    }
  };

  const running = status?.state === 'RUNNING';
  const fraction = status && status.total > 0 ? Math.min(1, status.processed / status.total) : status?.state === 'DONE' ? 1 : 0;
  const percent = Math.round(fraction * 100);
  return (
    <View style={styles.panel} testID="replay-panel">
      <View style={styles.row}>
        <Text style={styles.title}>Rebuild the reports</Text>
        <Button label={running ? 'Rebuilding…' : 'Rebuild from the first event'} testID="replay-start" disabled={running} onPress={start} />
      </View>
      {status && status.state !== 'IDLE' && (
        <>
          <View
            style={styles.track}
            testID="replay-progress"
            accessibilityRole="progressbar"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
          >
            <View style={[styles.bar, { width: `${percent}%` }, status.state === 'FAILED' && styles.failed]} />
          </View>
          <Text style={styles.figures} testID="replay-status">
            {status.state === 'DONE'
              ? `Done: ${status.processed.toLocaleString('en')} events${status.eventsPerSecond ? `, ${Math.round(status.eventsPerSecond).toLocaleString('en')} events/s` : ''}`
              : status.state === 'FAILED'
                ? `Failed: ${status.reason ?? 'no reason given'}; the reports still answer from before`
                : `${percent}% · ${status.processed.toLocaleString('en')} of ${status.total.toLocaleString('en')} events · ${Math.round(status.eventsPerSecond).toLocaleString('en')} events/s${timeLeft(status) ? ` · ${timeLeft(status)}` : ''}`}
          </Text>
        </>
      )}
      {error && <Text style={styles.error}>{error}</Text>}
    </View>
  );
}

const styles = StyleSheet.create({
  panel: { gap: 6, padding: 12, backgroundColor: colours.paper, borderRadius: 10, borderWidth: 1, borderColor: colours.line },
  row: { flexDirection: 'row', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: 8 },
  title: { fontSize: 18, fontWeight: '800', color: colours.ink },
  track: { height: 14, borderRadius: 7, backgroundColor: colours.page, borderWidth: 1, borderColor: colours.line, overflow: 'hidden' },
  bar: { height: '100%', backgroundColor: colours.primary },
  failed: { backgroundColor: colours.danger },
  figures: { fontSize: 14, color: colours.ink },
  error: { color: colours.danger },
});
