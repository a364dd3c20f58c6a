import { parseYearPeriod } from '../../src/domain/year-period';

describe('periods of years (legislatures, sessions)', () => {
  it('reads a period as printed and as written out alike', () => {
    expect(parseYearPeriod('19/24')).toEqual({ start: 2019, end: 2024, text: '19/24' });
    expect(parseYearPeriod('2019-2024')).toEqual({ start: 2019, end: 2024, text: '2019-2024' });
    expect(parseYearPeriod('19/20')).toMatchObject({ start: 2019, end: 2020 });
    expect(parseYearPeriod('2019–20')).toMatchObject({ start: 2019, end: 2020 });
  });

  it('puts two-digit years in their century, across 2000 too', () => {
    expect(parseYearPeriod('89/95')).toMatchObject({ start: 1989, end: 1995 });
    expect(parseYearPeriod('99/04')).toMatchObject({ start: 1999, end: 2004 });
    expect(parseYearPeriod('1999-04')).toMatchObject({ start: 1999, end: 2004 });
  });

  it('gives null for anything else', () => {
    for (const value of ['2019', '2024-2019', 'dix-neuf', '', 19, null, { start: 2019 }]) expect(parseYearPeriod(value)).toBeNull();
  });
});
