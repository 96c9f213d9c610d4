/**
 * Colours chosen for WCAG AA contrast: every text colour on its background is at least 4.5:1 (the kitchen display's
 * large type gets more). The state colours are backgrounds for dark text.
 */
export const colours = {
  ink: '#111827',
  muted: '#4b5563',
  paper: '#ffffff',
  page: '#f3f4f6',
  line: '#d1d5db',
  primary: '#1d4ed8',
  onPrimary: '#ffffff',
  danger: '#b91c1c',
  onDanger: '#ffffff',
  pending: '#92400e',
  table: {
    free: '#dcfce7',
    ordering: '#dbeafe',
    kitchen: '#fef3c7',
    ready: '#fed7aa',
    served: '#e0e7ff',
    billing: '#f5d0fe',
  },
  kitchen: {
    page: '#0b0f19',
    card: '#1f2937',
    text: '#ffffff',
    subtle: '#d1d5db',
    fresh: '#166534',
    late: '#a16207',
    overdue: '#b91c1c',
    allergen: '#fde047',
  },
};

/** The smallest touch target, in points. */
export const TOUCH = 44;

export function money(cents: number, currency = 'EUR'): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${currency === 'EUR' ? '€' : currency + ' '}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Reads "12.50" or "12,5" as 1250 cents; null when it is not an amount. */
export function parseCents(text: string): number | null {
  const match = /^\s*(\d{1,7})(?:[.,](\d{1,2}))?\s*$/.exec(text);
  if (!match) {
    return null;
  }
  return Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
}
