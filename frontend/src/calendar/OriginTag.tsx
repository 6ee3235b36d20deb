import { Tag } from 'antd';
import { useT } from '../i18n/context';
import type { CalendarYearSummary } from './queries';

const colors: Record<CalendarYearSummary['origin'], string> = { library: 'green', admin: 'blue', statutory: 'gold' };

/** Where a year's schedule comes from: 官方 · 日历库, 官方 · 管理员录入, or 预估（法定节假日）. */
export function OriginTag({ origin }: { origin: CalendarYearSummary['origin'] }) {
  const t = useT();
  return (
    <Tag color={colors[origin]} style={{ marginInlineEnd: 0 }} data-testid="calendar-origin" data-origin={origin}>
      {t(`calendar.origin.${origin}`)}
    </Tag>
  );
}
