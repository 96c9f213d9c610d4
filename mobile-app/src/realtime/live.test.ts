import { Versions } from './live';

describe('Versions', () => {
  it('lets through only what is newer than what is held for the same id', () => {
    const versions = new Versions();

    expect(versions.isNewer('a', 3)).toBe(true);
    expect(versions.isNewer('a', 3)).toBe(false);
    expect(versions.isNewer('a', 2)).toBe(false);
    expect(versions.isNewer('b', 1)).toBe(true);
    expect(versions.isNewer('a', 4)).toBe(true);
  });
});
