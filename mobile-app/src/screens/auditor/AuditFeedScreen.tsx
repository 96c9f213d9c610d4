import { useCallback, useEffect, useState } from 'react';
import { Pressable, ScrollView, StyleSheet, Text, View } from 'react-native';

import { ApiError } from '../../api/problem';
import type { AuditEvent, AuditPage, Settings } from '../../api/types';
import { saveFile } from '../../files/save';
import { useRouter } from '../../navigation/Router';
import { useServices } from '../../services';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { Section } from '../../ui/Section';
import { colours } from '../../ui/theme';
import { clock, day } from '../../ui/time';
import { eventName, shortHash, streamOf } from './audit';
import { VerifierInstructions } from './VerifierInstructions';

const PAGE_SIZE = 25;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface FeedFilters {
  from: string;
  to: string;
  userId: string;
  type: string;
  aggregateId: string;
}

const NO_FILTERS: FeedFilters = { from: '', to: '', userId: '', type: '', aggregateId: '' };

/** A day stands for the whole day (UTC): from its start, up to the start of the next. */
function instant(value: string, end: boolean): string {
  if (!DAY.test(value)) {
    return value;
  }
  const start = new Date(`${value}T00:00:00Z`);
  return new Date(start.getTime() + (end ? 86_400_000 : 0)).toISOString();
}

export function feedQuery(filters: FeedFilters, page: number): string {
  const params: [string, string][] = [
    ['from', filters.from && instant(filters.from.trim(), false)],
    ['to', filters.to && instant(filters.to.trim(), true)],
    ['userId', filters.userId.trim()],
    ['type', filters.type.trim()],
    ['aggregateId', filters.aggregateId.trim()],
  ];
  const set = params.filter(([, v]) => v).map(([k, v]) => `${k}=${encodeURIComponent(v)}`);
  return [...set, `page=${page}`, `size=${PAGE_SIZE}`].join('&');
}

/** Every service's events, newest first, filtered by time, user, type or aggregate: who did what, when, with its hash. */
export function AuditFeedScreen() {
  const { api } = useServices();
  const { navigate } = useRouter();
  const [draft, setDraft] = useState<FeedFilters>(NO_FILTERS);
  const [filters, setFilters] = useState<FeedFilters>(NO_FILTERS);
  const [page, setPage] = useState(0);
  const [feed, setFeed] = useState<AuditPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [names, setNames] = useState<Record<string, string>>({});
  const [timeZone, setTimeZone] = useState<string | undefined>(undefined);
  const [exportError, setExportError] = useState<string | null>(null);

  useEffect(() => {
    api
      .get<Settings>('/api/v1/settings')
      .then((s) => setTimeZone(s.timeZone))
      .catch(() => undefined);
  }, [api]);

  const load = useCallback(() => {
    api
      .get<AuditPage & { content?: AuditEvent[]; totalElements?: number }>(`/api/v1/audit/events?${feedQuery(filters, page)}`)
      .then((answer) => {
        const items = answer.items ?? answer.content ?? [];
        setFeed({ items, page: answer.page ?? page, size: answer.size ?? PAGE_SIZE, total: answer.total ?? answer.totalElements ?? items.length });
        setNames((held) => {
          const next = { ...held };
          items.forEach((e) => {
            if (e.metadata?.userId && e.metadata.username) {
              next[e.metadata.userId] = e.metadata.username;
            }
          });
          return next;
        });
        setError(null);
      })
      .catch((e: Error) => setError(e instanceof ApiError ? e.explanation : e.message));
  }, [api, filters, page]);
  useEffect(load, [load]);

  const apply = (next: FeedFilters) => {
    setDraft(next);
    setFilters(next);
    setPage(0);
  };
  const pages = feed ? Math.max(1, Math.ceil(feed.total / PAGE_SIZE)) : 1;

  const exportRange = async () => {
    setExportError(null);
    const range = feedQuery({ ...NO_FILTERS, from: filters.from, to: filters.to }, 0).replace(/&?page=.*$/, '');
    try {
      const text = await api.text(`/api/v1/audit/export${range ? `?${range}` : ''}`);
      await saveFile('brigade-audit-export.jsonl', text, 'application/x-ndjson');
    } catch (e) {
      setExportError(e instanceof ApiError ? e.explanation : String(e));
    }
  };

  return (
    <ScrollView contentContainerStyle={styles.page} testID="audit-feed">
      <Text style={styles.title} accessibilityRole="header">
        Audit trail
      </Text>
      <Section title="Filters">
        <View style={styles.row}>
          <Field label="From (instant or day, UTC)" value={draft.from} onChange={(from) => setDraft({ ...draft, from })} testID="feed-from" width={210} />
          <Field label="To" value={draft.to} onChange={(to) => setDraft({ ...draft, to })} testID="feed-to" width={210} />
          <Field label="User id" value={draft.userId} onChange={(userId) => setDraft({ ...draft, userId })} testID="feed-user" width={300} />
          <Field label="Event type" value={draft.type} onChange={(type) => setDraft({ ...draft, type })} testID="feed-type" width={200} />
          <Field
            label="Aggregate id"
            value={draft.aggregateId}
            onChange={(aggregateId) => setDraft({ ...draft, aggregateId })}
            testID="feed-aggregate"
            width={300}
          />
        </View>
        <View style={styles.row}>
          <Button label="Filter" kind="primary" testID="feed-apply" onPress={() => apply(draft)} />
          <Button label="Clear" testID="feed-clear" onPress={() => apply(NO_FILTERS)} />
          {filters.userId ? (
            <Text style={styles.muted} testID="feed-user-filter">
              Only {names[filters.userId] ?? filters.userId}
            </Text>
          ) : null}
        </View>
      </Section>

      {error && <Banner tone="error" message={error} testID="feed-error" />}
      {feed && (
        <>
          <View style={styles.row}>
            <Button label="← Newer" testID="feed-newer" disabled={page === 0} onPress={() => setPage(page - 1)} />
            <Text style={styles.muted} testID="feed-page">
              Page {page + 1} of {pages} · {feed.total} events
            </Text>
            <Button label="Older →" testID="feed-older" disabled={page + 1 >= pages} onPress={() => setPage(page + 1)} />
          </View>
          {feed.items.length === 0 && <Text style={styles.muted}>No events match.</Text>}
          {feed.items.map((event, index) => (
            <FeedEvent
              key={event.eventId ?? `${event.aggregateId}-${event.sequence}`}
              event={event}
              index={index}
              timeZone={timeZone}
              onUser={(userId) => apply({ ...filters, userId })}
              onOpen={() => {
                const service = streamOf(event);
                if (service && event.aggregateId) {
                  navigate({ name: 'audit-stream', service, aggregateId: event.aggregateId });
                }
              }}
            />
          ))}
        </>
      )}

      <Section title="Export" testID="feed-export">
        <Text style={styles.muted}>
          The events of the time range above (every service), with their hashes and the signed checkpoints that cover them, as
          JSON Lines.
        </Text>
        <Button label="Export this time range" testID="feed-export-range" onPress={exportRange} />
        {exportError && <Text style={styles.error}>{exportError}</Text>}
        <VerifierInstructions file="brigade-audit-export.jsonl" />
      </Section>
    </ScrollView>
  );
}

function FeedEvent({
  event,
  index,
  timeZone,
  onUser,
  onOpen,
}: {
  event: AuditEvent;
  index: number;
  timeZone?: string;
  onUser: (userId: string) => void;
  onOpen: () => void;
}) {
  const who = event.metadata?.username ?? event.metadata?.userId ?? 'system';
  const openable = streamOf(event) !== null && !!event.aggregateId;
  return (
    <View style={styles.event} testID={`feed-event-${index}`}>
      <Text style={styles.when}>
        {day(event.timestamp, timeZone)} {clock(event.timestamp, timeZone, true)}
      </Text>
      {event.metadata?.userId ? (
        <Pressable
          onPress={() => onUser(event.metadata.userId!)}
          accessibilityRole="button"
          accessibilityLabel={`Only events by ${who}`}
          testID={`feed-who-${index}`}
          style={styles.who}
        >
          <Text style={styles.link}>
            {who}
            {event.metadata.role ? ` · ${event.metadata.role}` : ''}
          </Text>
        </Pressable>
      ) : (
        <Text style={styles.who}>{who}</Text>
      )}
      <Text style={styles.type} testID={`feed-type-${index}`} accessibilityLabel={event.type}>
        {eventName(event.type)}
      </Text>
      <Pressable onPress={onOpen} disabled={!openable} accessibilityRole="link" testID={`feed-open-${index}`} style={styles.aggregate}>
        <Text style={openable ? styles.link : styles.muted}>
          {event.aggregateType ?? event.service} {event.aggregateId?.slice(0, 8)} #{event.sequence}
        </Text>
      </Pressable>
      <Text style={styles.hash} accessibilityLabel={`hash ${event.hash}`}>
        {shortHash(event.hash)}
      </Text>
    </View>
  );
}

const styles = StyleSheet.create({
  page: { padding: 12, gap: 10, maxWidth: 1200, width: '100%', alignSelf: 'center' },
  title: { fontSize: 22, fontWeight: '800', color: colours.ink },
  row: { flexDirection: 'row', flexWrap: 'wrap', gap: 8, alignItems: 'flex-end' },
  muted: { color: colours.muted, fontSize: 14 },
  error: { color: colours.danger },
  event: {
    flexDirection: 'row',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: 12,
    rowGap: 2,
    paddingVertical: 6,
    paddingHorizontal: 8,
    backgroundColor: colours.paper,
    borderRadius: 6,
  },
  when: { fontSize: 14, color: colours.ink, width: 150, fontVariant: ['tabular-nums'] },
  who: { minWidth: 130, minHeight: 28, justifyContent: 'center' },
  type: { fontSize: 14, fontWeight: '700', color: colours.ink, minWidth: 170 },
  aggregate: { minWidth: 180, minHeight: 28, justifyContent: 'center' },
  link: { color: colours.primary, fontSize: 14, fontWeight: '600', textDecorationLine: 'underline' },
  hash: { fontFamily: 'monospace', fontSize: 12, color: colours.muted },
});
