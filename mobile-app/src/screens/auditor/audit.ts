import type { AuditEvent, AuditService, Checkpoint, StreamVerification } from '../../api/types';
import { clock } from '../../ui/time';

/** Which per-service trail holds an event of the feed, by the service that stored it or the aggregate's type. */
export function streamOf(event: AuditEvent): AuditService | null {
  const service = event.service ?? '';
  const type = event.aggregateType ?? '';
  if (service.startsWith('order') || type === 'Order') {
    return 'orders';
  }
  if (service.startsWith('kitchen') || type === 'KitchenTicket') {
    return 'tickets';
  }
  if (service.startsWith('billing') || type === 'Bill') {
    return 'bills';
  }
  if (service.startsWith('catalog')) {
    return 'catalog';
  }
  return null;
}

/** The first checkpoint that covers every event of the stream: signed over a global index at or past its newest. */
export function coveringCheckpoint(events: AuditEvent[], checkpoints: Checkpoint[]): Checkpoint | null {
  const newest = Math.max(...events.map((e) => e.globalIndex ?? Number.POSITIVE_INFINITY));
  if (!Number.isFinite(newest)) {
    return null;
  }
  return (
    [...checkpoints].sort((a, b) => a.upToGlobalIndex - b.upToGlobalIndex).find((c) => c.upToGlobalIndex >= newest) ?? null
  );
}

/** The verify result stated plainly, as an auditor would write it in a report. */
export function verdict(result: StreamVerification, checkpoint: Checkpoint | null, timeZone?: string): string {
  if (!result.valid) {
    return `Broken at event #${result.firstBrokenSequence ?? '?'}: ${result.reason ?? 'its hash does not match'}`;
  }
  const events = `${result.events} event${result.events === 1 ? '' : 's'}`;
  return checkpoint
    ? `Chain intact, ${events}, covered by checkpoint of ${clock(checkpoint.signedAt, timeZone)}`
    : `Chain intact, ${events}, not yet covered by a signed checkpoint`;
}

export function shortHash(hash: string | null | undefined): string {
  return hash ? `${hash.slice(0, 12)}…` : '–';
}

/** An event's type without its package: `io.brigade.contracts.order.OrderLineVoided` reads `OrderLineVoided`. */
export function eventName(type: string): string {
  return type.slice(type.lastIndexOf('.') + 1);
}
