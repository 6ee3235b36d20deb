import { Alert, Card, Flex, Skeleton, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useI18n } from '../i18n/context';
import { formatDateTime } from '../i18n/format';
import { LoadFailed } from '../layout/LoadFailed';
import { parseNotice } from './notice';
import { NoticeForm } from './NoticeForm';
import { OriginTag } from './OriginTag';
import { useCalendarYear } from './queries';
import { YearGrid, type YearSchedule } from './YearGrid';

/**
 * One year: where its schedule comes from, the whole year's days, and the form that enters the
 * official schedule. While a notice is pasted the grid previews what it lists instead.
 */
export function YearPanel({ year }: { year: number }) {
  const { t, language } = useI18n();
  const view = useCalendarYear(year);
  const [text, setText] = useState('');
  const parsed = useMemo(() => parseNotice(text, year), [text, year]);

  if (view.isError) return <LoadFailed error={view.error} onRetry={() => void view.refetch()} />;
  if (!view.data) return <Skeleton active />;
  const stored = view.data;
  const previewing = parsed.holidays.length + parsed.workdays.length > 0;
  const schedule: YearSchedule = previewing
    ? { ...parsed, year, statutory: stored.statutory, provisional: false }
    : { ...stored, provisional: stored.source === 'provisional' };

  return (
    <Flex vertical gap={16} data-testid="calendar-year" data-year={year} data-source={stored.source}>
      <Card>
        <Flex vertical gap={12}>
          <Flex align="center" gap={8} wrap>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('calendar.year', { year })}
            </Typography.Title>
            <OriginTag origin={stored.origin} />
            {previewing && (
              <Tag color="processing" data-testid="calendar-preview">
                {t('calendar.enter.preview')}
              </Tag>
            )}
          </Flex>
          <Typography.Text type="secondary">
            {[
              t('calendar.counts', { holidays: schedule.holidays.length, workdays: schedule.workdays.length }),
              stored.note && `${t('calendar.source')}${t('common.colon')}${stored.note}`,
              stored.updatedAt && t('calendar.updatedAt', { time: formatDateTime(stored.updatedAt, language) }),
            ]
              .filter(Boolean)
              .join(' · ')}
          </Typography.Text>
          {stored.source === 'provisional' && !previewing && (
            <Alert type="warning" showIcon title={t('calendar.provisionalNote', { year })} />
          )}
          <YearGrid schedule={schedule} />
        </Flex>
      </Card>
      <NoticeForm year={year} text={text} onText={setText} parsed={parsed} />
    </Flex>
  );
}
