import { DatePicker, Flex, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useT } from '../i18n/context';
import { ExportButtons } from '../layout/ExportButtons';
import { CountySelect } from '../reference/CountySelect';
import { downloadRequests, type RequestFilter } from './queries';

const dayFormat = 'YYYY-MM-DD';

/**
 * Words to find, a county and a period of submission over a list of requests, with the list as
 * it is filtered to download (CSV, XLSX). `onChange` gets the whole filter, the status kept.
 */
export function RequestSearchBar({
  filter,
  onChange,
}: {
  filter: RequestFilter;
  onChange: (filter: RequestFilter) => void;
}) {
  const t = useT();
  const range: [Dayjs, Dayjs] | null = filter.from && filter.to ? [dayjs(filter.from), dayjs(filter.to)] : null;
  return (
    <Flex gap={8} wrap align="center" data-testid="request-search-bar">
      <Input.Search
        // Keyed by the address's words, so going back or a cleared filter shows them.
        key={filter.q ?? ''}
        defaultValue={filter.q}
        placeholder={t('officerList.search')}
        aria-label={t('officerList.search')}
        allowClear
        enterButton
        maxLength={50}
        style={{ width: 280, maxWidth: '100%' }}
        onSearch={(words) => onChange({ ...filter, q: words.trim() || undefined })}
      />
      <CountySelect
        aria-label={t('officerList.county')}
        placeholder={t('officerList.allCounties')}
        allowClear
        style={{ minWidth: 140 }}
        value={filter.county}
        onChange={(county?: string) => onChange({ ...filter, county })}
      />
      <DatePicker.RangePicker
        aria-label={t('officerList.period')}
        value={range}
        onChange={(days) =>
          onChange({ ...filter, from: days?.[0]?.format(dayFormat), to: days?.[1]?.format(dayFormat) })
        }
      />
      <ExportButtons download={(format) => downloadRequests(filter, format)} />
    </Flex>
  );
}
