import { Flex, Grid, theme, Typography, type GlobalToken } from 'antd';
import type { CSSProperties } from 'react';
import { useI18n } from '../i18n/context';
import type { MessageKey } from '../i18n/messages';
import type { CalendarYearView } from './queries';
import { isWeekend, monthDays, weekdayOf } from './days';

/** How a day is worked: an ordinary working day, a weekend, a day off, or a make-up working weekend (调休). */
type DayKind = 'working' | 'weekend' | 'holiday' | 'workday';

/** What the grid shows: a year's schedule, saved or previewed, and whether its days off are estimates. */
export type YearSchedule = Pick<CalendarYearView, 'year' | 'holidays' | 'workdays' | 'statutory'> & {
  provisional: boolean;
};

const months = Array.from({ length: 12 }, (_, i) => i + 1);
/** Weeks start on Monday, as Chinese calendars print them. */
const mondayFirst = (weekday: number) => (weekday + 6) % 7;
// 2024-01-01 was a Monday: the header's names are that week's.
const weekdayHeaders = Array.from({ length: 7 }, (_, i) => Date.UTC(2024, 0, 1 + i));

const marks: Partial<Record<DayKind, MessageKey>> = {
  holiday: 'calendar.mark.holiday',
  workday: 'calendar.mark.workday',
};
const kindNames: Record<Exclude<DayKind, 'working'>, MessageKey> = {
  weekend: 'calendar.legend.weekend',
  holiday: 'calendar.legend.holiday',
  workday: 'calendar.legend.workday',
};

function dayStyle(kind: DayKind, provisional: boolean, token: GlobalToken): CSSProperties {
  const base: CSSProperties = { border: '1px solid transparent' };
  if (kind === 'weekend') return { ...base, background: token.colorFillTertiary, color: token.colorTextTertiary };
  if (kind === 'workday') return { ...base, background: token.colorPrimaryBg, color: token.colorPrimary };
  if (kind === 'holiday' && provisional) {
    // An estimate: lighter, and dashed like a line not yet drawn for good.
    return {
      background: token.colorWarningBg,
      color: token.colorWarningText,
      border: `1px dashed ${token.colorWarning}`,
    };
  }
  if (kind === 'holiday') return { ...base, background: token.colorErrorBg, color: token.colorError };
  return base;
}

/** One square of the legend, styled as the days it names. */
function LegendItem({ style, label }: { style: CSSProperties; label: string }) {
  return (
    <Flex align="center" gap={6}>
      <span style={{ ...style, width: 14, height: 14, borderRadius: 3, display: 'inline-block' }} />
      <Typography.Text type="secondary">{label}</Typography.Text>
    </Flex>
  );
}

/**
 * The whole year, a month a block: weekends grey, days off red (休), make-up working days blue (班);
 * a provisional year's days off dashed amber. A statutory holiday's name (春节, 补假) shows on hover.
 */
export function YearGrid({ schedule }: { schedule: YearSchedule }) {
  const { t, language } = useI18n();
  const { token } = theme.useToken();
  // Two months abreast on a phone: one a row would make the year a long scroll.
  const phone = Grid.useBreakpoint().md === false;
  const holidays = new Set(schedule.holidays);
  const workdays = new Set(schedule.workdays);
  const names = new Map(schedule.statutory.map((d) => [d.date, d.name]));
  const kindOf = (day: string): DayKind =>
    workdays.has(day) ? 'workday' : holidays.has(day) ? 'holiday' : isWeekend(day) ? 'weekend' : 'working';
  const monthName = new Intl.DateTimeFormat(language, { month: 'long', timeZone: 'UTC' });
  const weekdayName = new Intl.DateTimeFormat(language, { weekday: 'narrow', timeZone: 'UTC' });

  return (
    <Flex vertical gap={12}>
      <Flex gap={16} wrap data-testid="calendar-legend">
        <LegendItem style={dayStyle('weekend', false, token)} label={t('calendar.legend.weekend')} />
        <LegendItem
          style={dayStyle('holiday', schedule.provisional, token)}
          label={t(schedule.provisional ? 'calendar.legend.provisional' : 'calendar.legend.holiday')}
        />
        <LegendItem style={dayStyle('workday', false, token)} label={t('calendar.legend.workday')} />
      </Flex>
      <div
        data-testid="year-grid"
        data-year={schedule.year}
        style={{
          display: 'grid',
          gridTemplateColumns: phone ? 'repeat(2, minmax(0, 1fr))' : 'repeat(auto-fill, minmax(196px, 1fr))',
          gap: phone ? 12 : 16,
        }}
      >
        {months.map((month) => {
          const days = monthDays(schedule.year, month);
          return (
            <div key={month}>
              <Typography.Text strong>{monthName.format(Date.UTC(schedule.year, month - 1, 1))}</Typography.Text>
              <div
                style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2, marginTop: 4, fontSize: 12 }}
              >
                {weekdayHeaders.map((day) => (
                  <Typography.Text key={day} type="secondary" style={{ textAlign: 'center', fontSize: 12 }}>
                    {weekdayName.format(day)}
                  </Typography.Text>
                ))}
                {days.map((day, i) => {
                  const kind = kindOf(day);
                  const mark = marks[kind];
                  const label = [day, names.get(day), kind !== 'working' && t(kindNames[kind])]
                    .filter(Boolean)
                    .join(' · ');
                  return (
                    <div
                      key={day}
                      title={label}
                      aria-label={label}
                      data-day={day}
                      data-kind={kind}
                      style={{
                        ...dayStyle(kind, schedule.provisional, token),
                        gridColumnStart: i === 0 ? mondayFirst(weekdayOf(day)) + 1 : undefined,
                        display: 'flex',
                        flexDirection: 'column',
                        alignItems: 'center',
                        paddingBottom: 3,
                        borderRadius: 4,
                        fontVariantNumeric: 'tabular-nums',
                      }}
                    >
                      {/* Above the number, a line of its own in every cell: the rows stay even. */}
                      <span style={{ fontSize: 9, lineHeight: '11px', height: 11 }}>{mark && t(mark)}</span>
                      <span style={{ lineHeight: '14px' }}>{Number(day.slice(8))}</span>
                    </div>
                  );
                })}
              </div>
            </div>
          );
        })}
      </div>
    </Flex>
  );
}
