import { Alert, Button } from 'antd';
import { Link } from 'react-router';
import { useT } from '../i18n/context';
import { useCalendars } from './queries';

/**
 * On every page of the platform admin's while deadlines will soon count days of a year whose
 * holiday schedule is not entered: they are estimates until it is.
 */
export function ProvisionalYearBanner() {
  const t = useT();
  const upcoming = useCalendars().data?.upcomingProvisional;
  if (!upcoming) return null;
  return (
    <Alert
      type="warning"
      showIcon
      banner
      data-testid="provisional-banner"
      data-year={upcoming.year}
      title={t('calendar.banner', { year: upcoming.year })}
      action={
        <Link to={`/admin/calendar?year=${upcoming.year}`}>
          <Button size="small">{t('calendar.bannerAction')}</Button>
        </Link>
      }
      style={{ marginBottom: 16 }}
    />
  );
}
