import { contrastRatio } from './contrast';
import { colours } from './theme';

const AA = 4.5;

describe('colours', () => {
  it('give every text on the kitchen display at least AA contrast', () => {
    const k = colours.kitchen;
    const pairs: [string, string][] = [
      [k.text, k.page],
      [k.text, k.card],
      [k.subtle, k.card],
      [k.allergen, k.card],
      [k.text, k.fresh],
      [k.text, k.late],
      [k.text, k.overdue],
      [k.allergen, k.page],
      [colours.onPrimary, colours.primary],
    ];
    pairs.forEach(([text, background]) => expect(contrastRatio(text, background)).toBeGreaterThanOrEqual(AA));
  });

  it('give the waiter screens AA contrast on their backgrounds', () => {
    Object.values(colours.table).forEach((background) => expect(contrastRatio(colours.ink, background)).toBeGreaterThanOrEqual(AA));
    expect(contrastRatio(colours.muted, colours.page)).toBeGreaterThanOrEqual(AA);
    expect(contrastRatio(colours.danger, colours.paper)).toBeGreaterThanOrEqual(AA);
    expect(contrastRatio(colours.pending, '#fde68a')).toBeGreaterThanOrEqual(AA);
  });

  it('measure black on white as 21:1', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
  });
});
