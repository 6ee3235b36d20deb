import { Col, Flex, Row, Skeleton } from 'antd';
import { useSearchParams } from 'react-router';
import { useT } from '../i18n/context';
import { LoadFailed } from '../layout/LoadFailed';
import { PageHeading } from '../layout/PageHeading';
import { useCalendars } from './queries';
import { YearList } from './YearList';
import { YearPanel } from './YearPanel';

/**
 * 工作日历 (platform admin): each year's holiday schedule — official, or estimated from the
 * statutory holidays until the State Council publishes it — and entering the published one. The
 * year shown is in the address (?year=2027); by default the one deadlines will soon reach, if any.
 */
export default function CalendarPage() {
  const t = useT();
  const calendars = useCalendars();
  const [params, setParams] = useSearchParams();

  if (calendars.isError) return <LoadFailed error={calendars.error} onRetry={() => void calendars.refetch()} />;
  if (!calendars.data) return <Skeleton active />;
  const { items, upcomingProvisional } = calendars.data;
  const year =
    Number(params.get('year')) ||
    upcomingProvisional?.year ||
    items.find((item) => item.source === 'provisional')?.year ||
    items[0]!.year;

  return (
    <Flex vertical gap={16}>
      <PageHeading title={t('nav.adminCalendar')} subtitle={t('calendar.subtitle')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={6}>
          <YearList
            items={items}
            selected={year}
            onSelect={(next) => setParams({ year: String(next) }, { replace: true })}
          />
        </Col>
        <Col xs={24} lg={18}>
          {/* A year of its own: another year starts with an empty form. */}
          <YearPanel key={year} year={year} />
        </Col>
      </Row>
    </Flex>
  );
}
