import { stringify } from 'csv-stringify/sync';
import writeExcelFile from 'write-excel-file/node';
import type { Language } from '../http/messages';
import { SLA_STAGES } from '../lifecycle/state-machine';
import type { BreachView, listBreaches } from './breaches';
import type { slaCompliance } from './compliance';
import { FORMATS, REPORTS, type BreachEnding, type Format, type Report, type UrgeState } from './enums';
import type { overview } from './overview';

/**
 * The bureau's reports as files: each report is one table — the same figures the API answers —
 * written as CSV (UTF-8 with a BOM, so Excel shows Chinese) or as an XLSX sheet.
 */

export { FORMATS, REPORTS, type Format, type Report };

/**
 * A cell: text, a plain number, or a number or instant that needs its kind to be read right —
 * a rate (a share, shown as a percentage), a change of a rate (percentage points), yuan, a time
 * (an instant, shown as the wall-clock time of the reader's time zone).
 */
export type Cell =
  | string
  | number
  | null
  | { kind: 'rate' | 'rateChange' | 'yuan'; value: number | null }
  | { kind: 'time'; value: string | null };

export interface Table {
  title: string;
  header: string[];
  rows: Cell[][];
}

/** How the files show each kind: Excel number formats, and the same in CSV text. */
const NUMBER_FORMATS = {
  rate: '0.0%',
  rateChange: '+0.0%;-0.0%;0.0%',
  yuan: '#,##0',
  time: 'yyyy-mm-dd hh:mm:ss',
} as const;

const rate = (value: number | null): Cell => ({ kind: 'rate', value });
const rateChange = (value: number | null): Cell => ({ kind: 'rateChange', value });
const yuan = (value: number | null): Cell => ({ kind: 'yuan', value });
const time = (value: string | null): Cell => ({ kind: 'time', value });

const WORDS = {
  overview: { 'zh-CN': '监管总览', en: 'Overview' },
  sla: { 'zh-CN': '321时效', en: 'SLA compliance' },
  breaches: { 'zh-CN': '超时清单', en: 'Breaches' },
  figure: { 'zh-CN': '指标', en: 'Figure' },
  current: { 'zh-CN': '本期', en: 'This period' },
  previous: { 'zh-CN': '上期', en: 'Previous period' },
  change: { 'zh-CN': '变化', en: 'Change' },
  all: { 'zh-CN': '合计', en: 'Total' },
  groupName: { 'zh-CN': '名称', en: 'Name' },
  stage: { 'zh-CN': '环节', en: 'Stage' },
  completed: { 'zh-CN': '完成数', en: 'Completed' },
  onTime: { 'zh-CN': '按时数', en: 'On time' },
  onTimeRate: { 'zh-CN': '按时率', en: 'On-time rate' },
  medianWorkingMinutes: { 'zh-CN': '用时中位数（工作分钟）', en: 'Median (working minutes)' },
  p90WorkingMinutes: { 'zh-CN': '用时P90（工作分钟）', en: 'P90 (working minutes)' },
  breachCount: { 'zh-CN': '超时数', en: 'Breaches' },
  status: { 'zh-CN': '状态', en: 'Status' },
  dueAt: { 'zh-CN': '时限', en: 'Due' },
  breachedAt: { 'zh-CN': '超时记录时间', en: 'Breach recorded' },
  completedAt: { 'zh-CN': '完成时间', en: 'Completed at' },
  county: { 'zh-CN': '区县', en: 'County' },
  amount: { 'zh-CN': '金额（元）', en: 'Amount (yuan)' },
  institution: { 'zh-CN': '机构', en: 'Institution' },
  urge: { 'zh-CN': '督办', en: 'Urge' },
  attempt: { 'zh-CN': '轮次', en: 'Round' },
  applicant: { 'zh-CN': '申请人', en: 'Applicant' },
  claimedBy: { 'zh-CN': '现承接机构', en: 'Now held by' },
} as const satisfies Record<string, Record<Language, string>>;

const FIGURES = {
  institutions: { 'zh-CN': '入驻金融机构', en: 'Institutions onboarded' },
  listedProducts: { 'zh-CN': '上架金融产品', en: 'Products listed' },
  individuals: { 'zh-CN': '个人用户', en: 'Individual users' },
  enterprises: { 'zh-CN': '企业用户', en: 'Enterprises' },
  requests: { 'zh-CN': '提交需求', en: 'Requests submitted' },
  requestedAmount: { 'zh-CN': '需求金额（元）', en: 'Amount requested (yuan)' },
  claimed: { 'zh-CN': '接单', en: 'Claimed' },
  claimedWithinWindow: { 'zh-CN': '时限内接单', en: 'Claimed within the respond window' },
  assigned: { 'zh-CN': '派单', en: 'Assigned by the bureau' },
  approved: { 'zh-CN': '审批通过', en: 'Approved' },
  approvedAmount: { 'zh-CN': '审批金额（元）', en: 'Amount approved (yuan)' },
  rejected: { 'zh-CN': '未通过', en: 'Rejected' },
  cancelled: { 'zh-CN': '撤销', en: 'Cancelled' },
  reopened: { 'zh-CN': '重新发布', en: 'Re-opened' },
  escalated: { 'zh-CN': '升级至全市', en: 'Escalated city-wide' },
  disbursed: { 'zh-CN': '放款笔数', en: 'Loans disbursed' },
  disbursedAmount: { 'zh-CN': '撮合放款金额（元）', en: 'Amount disbursed (yuan)' },
  borrowers: { 'zh-CN': '获贷户数', en: 'Borrowers' },
} as const satisfies Record<string, Record<Language, string>>;

const RATES = {
  claimRate: { 'zh-CN': '接单率', en: 'Claim rate' },
  claimedWithinWindowRate: { 'zh-CN': '时限内接单率', en: 'Claimed within the window' },
  obtainedRate: { 'zh-CN': '获得率', en: 'Obtained rate' },
  averageWorkingDaysToDisburse: { 'zh-CN': '平均放款用时（工作日）', en: 'Average working days to disburse' },
  averageDisbursedPerBorrower: { 'zh-CN': '户均放款（元）', en: 'Average disbursed per borrower (yuan)' },
} as const satisfies Record<string, Record<Language, string>>;

const STAGE_WORDS = {
  respond: { 'zh-CN': '响应', en: 'Respond' },
  contact: { 'zh-CN': '对接与调查', en: 'Contact & investigate' },
  decide: { 'zh-CN': '审批反馈', en: 'Decide' },
} as const satisfies Record<string, Record<Language, string>>;

const ENDINGS = {
  open: { 'zh-CN': '超时未办', en: 'Overdue, still open' },
  escalated: { 'zh-CN': '超时升级全市', en: 'Overdue, escalated city-wide' },
  claimed: { 'zh-CN': '超时后抢单', en: 'Claimed late' },
  completed: { 'zh-CN': '超时后办结', en: 'Completed late' },
  cancelled: { 'zh-CN': '需求已撤销', en: 'Request withdrawn' },
  expired: { 'zh-CN': '无人承接，已过期', en: 'Expired, nobody took it' },
} as const satisfies Record<BreachEnding, Record<Language, string>>;

const URGE_WORDS = {
  none: { 'zh-CN': '未督办', en: 'Not urged' },
  open: { 'zh-CN': '待确认', en: 'Awaiting acknowledgement' },
  acknowledged: { 'zh-CN': '已确认', en: 'Acknowledged' },
  resolved: { 'zh-CN': '已解决', en: 'Resolved' },
} as const satisfies Record<UrgeState | 'none', Record<Language, string>>;

/** The figures in yuan, and the rates, among the overview's. */
const YUAN_FIGURES = new Set<string>(['requestedAmount', 'approvedAmount', 'disbursedAmount']);
const SHARES = new Set<string>(['claimRate', 'claimedWithinWindowRate', 'obtainedRate']);

type Overview = Awaited<ReturnType<typeof overview>>;
type Compliance = Awaited<ReturnType<typeof slaCompliance>>;
type Breaches = Awaited<ReturnType<typeof listBreaches>>;

/** One row per figure and rate: this period, the previous one, the change, then each county. */
export function overviewTable(o: Overview, lang: Language): Table {
  const figureRows = (Object.keys(FIGURES) as (keyof typeof FIGURES)[]).map((key): Cell[] => {
    const cell = YUAN_FIGURES.has(key) ? yuan : (value: number | null) => value;
    return [
      FIGURES[key][lang],
      cell(o[key]),
      cell(o.previous?.[key] ?? null),
      cell(o.change?.[key] ?? null),
      ...o.byCounty.map((c) => cell(c[key])),
    ];
  });
  const rateRows = (Object.keys(RATES) as (keyof typeof RATES)[]).map((key): Cell[] => {
    const share = SHARES.has(key);
    const cell = share ? rate : key === 'averageDisbursedPerBorrower' ? yuan : (value: number | null) => value;
    return [
      RATES[key][lang],
      cell(o.rates[key]),
      cell(o.previous?.rates[key] ?? null),
      (share ? rateChange : cell)(o.change?.rates[key] ?? null),
      ...o.byCounty.map((c) => cell(c.rates[key])),
    ];
  });
  return {
    title: `${WORDS.overview[lang]} ${o.regionName}`,
    header: [
      WORDS.figure[lang],
      WORDS.current[lang],
      WORDS.previous[lang],
      WORDS.change[lang],
      ...o.byCounty.map((c) => c.name),
    ],
    rows: [...figureRows, ...rateRows],
  };
}

/** One row per group (a county or an institution, by name) and stage, the totals first. */
export function slaTable(s: Compliance, lang: Language): Table {
  const groups = [{ name: WORDS.all[lang], stages: s.stages }, ...s.groups];
  return {
    title: `${WORDS.sla[lang]} ${s.regionName}`,
    header: [
      WORDS.groupName[lang],
      WORDS.stage[lang],
      WORDS.completed[lang],
      WORDS.onTime[lang],
      WORDS.onTimeRate[lang],
      WORDS.medianWorkingMinutes[lang],
      WORDS.p90WorkingMinutes[lang],
      WORDS.breachCount[lang],
    ],
    rows: groups.flatMap((g) =>
      SLA_STAGES.map((stage): Cell[] => {
        const f = g.stages[stage];
        return [
          g.name,
          STAGE_WORDS[stage][lang],
          f.completed,
          f.onTime,
          rate(f.onTimeRate),
          f.medianWorkingMinutes,
          f.p90WorkingMinutes,
          f.breaches,
        ];
      }),
    ),
  };
}

/** One row per breach, by names (applicant, county, institutions) and in words; times in `timeZone`. */
export function breachesTable(b: Breaches, lang: Language, timeZone: string): Table {
  const at = (word: Record<Language, string>) => `${word[lang]}（${timeZone}）`;
  return {
    title: WORDS.breaches[lang],
    header: [
      WORDS.stage[lang],
      WORDS.attempt[lang],
      WORDS.status[lang],
      at(WORDS.dueAt),
      at(WORDS.breachedAt),
      at(WORDS.completedAt),
      WORDS.applicant[lang],
      WORDS.county[lang],
      WORDS.amount[lang],
      WORDS.institution[lang],
      WORDS.claimedBy[lang],
      WORDS.urge[lang],
    ],
    rows: b.items.map((i: BreachView): Cell[] => [
      STAGE_WORDS[i.stage][lang],
      i.attempt,
      ENDINGS[i.ending][lang],
      time(i.dueAt),
      time(i.breachedAt),
      time(i.completedAt),
      i.request.applicantName,
      i.request.countyName,
      yuan(i.request.amount),
      i.institution?.name ?? null,
      i.request.claimedBy?.name ?? null,
      URGE_WORDS[i.urge?.state ?? 'none'][lang],
    ]),
  };
}

/** An instant as the wall-clock time of `timeZone`, in UTC fields (how XLSX dates are read). */
function wallClock(iso: string, timeZone: string): Date {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, Number(p.value)]),
  ) as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;
  return new Date(Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second));
}

/** The platform's own: China keeps one time zone. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** Whether `zone` is a time zone this runtime knows (IANA name). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Text typed by users (names, notes) goes into the files: a text cell starting with = + - @ tab or
 * CR gets a leading ' (OWASP's CSV-injection advice) so no spreadsheet runs it.
 */
function neutralised(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * A cell as CSV text: what Excel reads back as the same number, percentage or date. Only text
 * cells are neutralised: numbers, and the percentages and times written here, are not user text.
 */
function csvText(cell: Cell, timeZone: string): string | number {
  if (cell === null) return '';
  if (typeof cell === 'string') return neutralised(cell);
  if (typeof cell === 'number') return cell;
  if (cell.value === null) return '';
  switch (cell.kind) {
    case 'time':
      return wallClock(cell.value, timeZone).toISOString().slice(0, 19).replace('T', ' ');
    case 'rate':
    case 'rateChange': {
      const percent = (Math.round(cell.value * 1000) / 10).toFixed(1);
      return `${cell.kind === 'rateChange' && cell.value > 0 ? '+' : ''}${percent}%`;
    }
    case 'yuan':
      return cell.value;
  }
}

/** A cell for write-excel-file: typed, with its number format. */
function xlsxCell(cell: Cell, timeZone: string) {
  if (cell === null || typeof cell !== 'object') return cell;
  if (cell.value === null) return null;
  if (cell.kind === 'time') return { value: wallClock(cell.value, timeZone), type: Date, format: NUMBER_FORMATS.time };
  return { value: cell.value, type: Number, format: NUMBER_FORMATS[cell.kind] };
}

/** Display width of text: CJK characters take two columns. */
function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u2e80-\uffef]/.test(ch) ? 2 : 1;
  return width;
}

/** Each column wide enough for its header and widest cell as shown, within reason. */
export function columnWidths(table: Table, timeZone: string): number[] {
  return table.header.map((header, i) => {
    const widest = Math.max(
      textWidth(header),
      ...table.rows.map((row) => {
        const cell = row[i] ?? null;
        if (cell !== null && typeof cell === 'object' && cell.kind === 'yuan' && cell.value !== null) {
          return cell.value.toLocaleString('en-US').length;
        }
        return textWidth(String(csvText(cell, timeZone))) + (cell !== null && typeof cell === 'object' ? 1 : 0);
      }),
    );
    return Math.min(Math.max(widest + 2, 8), 60);
  });
}

export async function render(table: Table, format: Format, timeZone = DEFAULT_TIME_ZONE): Promise<Buffer> {
  if (format === 'csv') {
    const rows = [table.header, ...table.rows.map((r) => r.map((c) => csvText(c, timeZone)))];
    // With a BOM, so Excel reads UTF-8 (Chinese) right.
    return Buffer.from(stringify(rows, { bom: true }));
  }
  // XLSX cells are typed: text is never read as a formula.
  // Excel limits sheet names to 31 characters.
  return writeExcelFile([table.header, ...table.rows.map((r) => r.map((c) => xlsxCell(c, timeZone)))], {
    sheet: table.title.slice(0, 31),
    columns: columnWidths(table, timeZone).map((width) => ({ width })),
    stickyRowsCount: 1,
  }).toBuffer();
}

export const CONTENT_TYPES: Record<Format, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
