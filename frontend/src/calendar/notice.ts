import { addDays, isoDay } from './days';

/** What a pasted notice lists: days off and make-up working days (调休), sorted; and what was left out. */
export interface ParsedNotice {
  holidays: string[];
  workdays: string[];
  /**
   * Date mentions that name no day (2月30日) or end a range before it starts, and dates of another
   * year that no word claims (the notice's own date under its signature).
   */
  skipped: string[];
}

type Kind = 'holidays' | 'workdays';

// A date as the notice writes it (2月5日, 13日, 2027年1月1日) or as a list does (2027-01-01), a range's
// "至", or the word that says what the dates before it are (放假 / 上班); "上班：" before a list heads it.
const token =
  /(?:(?<isoYear>\d{4})[-/.](?<isoMonth>\d{1,2})[-/.](?<isoDay>\d{1,2}))|(?:(?:(?<cnYear>\d{4})\s*年\s*)?(?:(?<cnMonth>\d{1,2})\s*月\s*)?(?<cnDay>\d{1,2})\s*日)|(?<to>至|到|~|～|—)|(?<keyword>放假|上班)(?<heading>\s*[:：])?/g;

const kinds: Record<string, Kind> = { 放假: 'holidays', 上班: 'workdays' };

/** Full-width digits as ASCII; the notes in brackets ((农历腊月廿九、周五)) dropped: their 、 and dates are not the schedule's. */
function normalise(text: string): string {
  return text
    .replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0))
    .replace(/（[^（）]*）|\([^()]*\)/g, '');
}

/**
 * Reads the State Council's notice (国务院办公厅关于…部分节假日安排的通知) or a plain list of dates: in
 * each sentence, the dates before 放假 are days off and those before 上班 working days; a range
 * (1月1日至3日, 9月29日至10月6日) counts each of its days, weekends too. A date without a year is in
 * `year`, one without a month in the sentence's last month. Dates no word claims are days off if
 * they are in `year`.
 */
export function parseNotice(text: string, year: number): ParsedNotice {
  const lists: Record<Kind, Set<string>> = { holidays: new Set(), workdays: new Set() };
  const skipped: string[] = [];

  for (const sentence of normalise(text).split(/[。；;\n]/)) {
    let month: number | undefined;
    /** The dates read since the last word, a range's days as one entry. */
    let pending: string[][] = [];
    /** The list a heading (上班：) opened, for the dates after it that no word follows. */
    let heading: Kind | undefined;
    /** A range's first day, while its "至" has been read and its end not yet. */
    let rangeFrom: string | undefined;
    const assign = (kind: Kind, claimed = true) => {
      for (const day of pending.flat()) {
        if (claimed || day.startsWith(`${year}-`)) lists[kind].add(day);
        else skipped.push(day);
      }
      pending = [];
    };

    for (const match of sentence.matchAll(token)) {
      const g = match.groups!;
      if (g.keyword) {
        const kind = kinds[g.keyword]!;
        if (g.heading) {
          assign(heading ?? 'holidays', heading !== undefined);
          heading = kind;
        } else {
          assign(kind);
        }
      } else if (g.to) {
        rangeFrom = pending.at(-1)?.length === 1 ? pending.at(-1)![0] : undefined;
      } else {
        month = Number(g.isoMonth ?? g.cnMonth) || month;
        const day =
          month === undefined
            ? null
            : isoDay(Number(g.isoYear ?? g.cnYear ?? year), month, Number(g.isoDay ?? g.cnDay));
        if (!day || (rangeFrom !== undefined && day < rangeFrom)) {
          skipped.push(match[0].trim());
        } else if (rangeFrom !== undefined) {
          pending[pending.length - 1] = range(rangeFrom, day);
        } else {
          pending.push([day]);
        }
        rangeFrom = undefined;
      }
    }
    assign(heading ?? 'holidays', heading !== undefined);
  }
  const sorted = (days: Set<string>) => [...days].sort();
  return { holidays: sorted(lists.holidays), workdays: sorted(lists.workdays), skipped };
}

function range(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}
