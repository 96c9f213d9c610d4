/** RFC 4180 text: a heading line, then one line per row; a value with a comma, quote or line break is quoted. */
export function toCsv(headings: string[], rows: (string | number | null | undefined)[][]): string {
  const cell = (value: string | number | null | undefined) => {
    const text = value === null || value === undefined ? '' : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [headings, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** Minor units as a plain decimal a spreadsheet reads as a number (1250 → 12.50), whatever the currency. */
export function decimal(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
