import type { Translate } from '../i18n/context';

const minute = 60;
const hour = 3600;

/**
 * A span of working time as a countdown says it: whole working days and hours while more than a
 * working day is left (1 个工作日 7 小时), hours and minutes within the last one (7 小时 59 分钟),
 * parts that are zero left out. `secondsPerDay` is the stage's working-day length (8 office hours:
 * 16 working hours are 2 working days, not 16:00:00). The sign is ignored: the caller says whether
 * the span is left or overdue. Rounded down, as a clock is.
 */
export function formatWorkingSpan(seconds: number, secondsPerDay: number, t: Translate): string {
  const whole = Math.floor(Math.abs(seconds));
  const parts: string[] = [];
  if (whole > secondsPerDay) {
    const days = Math.floor(whole / secondsPerDay);
    const hours = Math.floor((whole % secondsPerDay) / hour);
    parts.push(t(days === 1 ? 'span.day' : 'span.days', { days }));
    if (hours > 0) parts.push(t('span.hours', { hours }));
  } else {
    const hours = Math.floor(whole / hour);
    const minutes = Math.floor((whole % hour) / minute);
    if (hours > 0) parts.push(t('span.hours', { hours }));
    if (minutes > 0) parts.push(t('span.minutes', { minutes }));
  }
  return parts.length > 0 ? parts.join(' ') : t('span.underMinute');
}
