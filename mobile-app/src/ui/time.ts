/** Instants as people read them, in the restaurant's time zone (`timeZone` in the settings). */

/** An instant as a person reads it, in the restaurant's zone. */
export function clock(instant: string, timeZone?: string, withSeconds = false): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) {
    return instant;
  }
  try {
    return new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      ...(withSeconds ? { second: '2-digit' } : {}),
      hourCycle: 'h23',
    }).format(date);
  } catch {
    return instant.slice(11, withSeconds ? 19 : 16);
  }
}

export function day(instant: string, timeZone?: string): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
  } catch {
    return instant.slice(0, 10);
  }
}
