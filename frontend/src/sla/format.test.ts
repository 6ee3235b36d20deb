import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/translate';
import { formatWorkingSpan } from './format';

const hour = 3600;
const minute = 60;
const day = 8 * hour;
const zh = translator('zh-CN');
const en = translator('en');

describe('a span of working time, as a countdown says it', () => {
  it('counts working days and hours while more than a working day is left', () => {
    // Two seconds into a 2-working-day stage: not "15:59:58".
    expect(formatWorkingSpan(2 * day - 2, day, zh)).toBe('1 个工作日 7 小时');
    expect(formatWorkingSpan(2 * day - 2, day, en)).toBe('1 working day 7 h');
    expect(formatWorkingSpan(2 * day, day, zh)).toBe('2 个工作日');
    expect(formatWorkingSpan(2 * day, day, en)).toBe('2 working days');
    // Five working days less ten minutes.
    expect(formatWorkingSpan(5 * day - 10 * minute, day, zh)).toBe('4 个工作日 7 小时');
  });

  it('counts hours and minutes within the last working day', () => {
    expect(formatWorkingSpan(day, day, zh)).toBe('8 小时');
    expect(formatWorkingSpan(day - 1, day, zh)).toBe('7 小时 59 分钟');
    expect(formatWorkingSpan(2 * hour + 59 * minute + 41, day, en)).toBe('2 h 59 min');
    expect(formatWorkingSpan(45 * minute, day, zh)).toBe('45 分钟');
    expect(formatWorkingSpan(59, day, zh)).toBe('不到 1 分钟');
    expect(formatWorkingSpan(0, day, en)).toBe('under 1 min');
  });

  it('measures days by the calendar’s working day: with a lunch break, 7 hours', () => {
    const shorter = 7 * hour;
    expect(formatWorkingSpan(16 * hour, shorter, zh)).toBe('2 个工作日 2 小时');
    expect(formatWorkingSpan(7 * hour + 30 * minute, shorter, zh)).toBe('1 个工作日');
  });

  it('reads overdue time the same way, by its size', () => {
    expect(formatWorkingSpan(-2 * hour, day, zh)).toBe('2 小时');
    expect(formatWorkingSpan(-(day + 3 * hour), day, zh)).toBe('1 个工作日 3 小时');
    expect(zh('countdown.overdue', { time: formatWorkingSpan(-2 * hour, day, zh) })).toBe('已超时 2 小时');
    expect(en('countdown.overdue', { time: formatWorkingSpan(-2 * hour, day, en) })).toBe('2 h overdue');
  });
});
