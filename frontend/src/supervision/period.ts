/**
 * The periods a bureau looks at, as Shanghai calendar days (YYYY-MM-DD) the supervision API takes:
 * this month, quarter or year so far, or the platform's whole life (no bounds).
 */
export const PERIOD_PRESETS = ['month', 'quarter', 'year', 'all'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export interface DayRange {
  from?: string;
  to?: string;
}

/** Today on the platform's calendar (Asia/Shanghai), whatever the reader's time zone. */
export function shanghaiToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now);
}

const pad = (n: number) => String(n).padStart(2, '0');

export function presetRange(preset: PeriodPreset, today: string): DayRange {
  if (preset === 'all') return {};
  const [year, month] = today.split('-').map(Number) as [number, number];
  const firstMonth = preset === 'year' ? 1 : preset === 'quarter' ? Math.floor((month - 1) / 3) * 3 + 1 : month;
  return { from: `${year}-${pad(firstMonth)}-01`, to: today };
}

/** The preset a range is, if any (the address keeps only the range). */
export function presetOf(range: DayRange, today: string): PeriodPreset | undefined {
  return PERIOD_PRESETS.find((preset) => {
    const candidate = presetRange(preset, today);
    return candidate.from === range.from && candidate.to === range.to;
  });
}

/** The first and last day of a calendar month given as YYYY-MM. */
export function monthRange(month: string): Required<DayRange> {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${pad(last)}` };
}
