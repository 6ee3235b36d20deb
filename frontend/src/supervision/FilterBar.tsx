import { DatePicker, Flex, Segmented, Select, Tooltip } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRegions } from '../api/regions';
import { useI18n } from '../i18n/context';
import { regionLabel } from '../reference/names';
import { PERIOD_PRESETS, presetOf, presetRange, shanghaiToday, type PeriodPreset } from './period';
import type { Interval } from './queries';
import { useSupervisionFilters } from './useSupervisionFilters';

const dayFormat = 'YYYY-MM-DD';

/** Period (presets or any range), region (fixed for a county bureau) and, optionally, the trend's interval. */
export function FilterBar({ showInterval = false }: { showInterval?: boolean }) {
  const { t, language } = useI18n();
  const { filter, interval, regionFixed, update } = useSupervisionFilters();
  const regions = useRegions();
  const today = shanghaiToday();
  const city = regions.data?.find((r) => r.level === 'city');
  const regionOptions = (regions.data ?? []).map((r) => ({
    value: r.code,
    label: r.level === 'city' ? t('supervision.wholeCity') : regionLabel(r, language),
  }));
  const range: [Dayjs, Dayjs] | null = filter.from && filter.to ? [dayjs(filter.from), dayjs(filter.to)] : null;

  return (
    <Flex gap={12} wrap align="center" data-testid="supervision-filters">
      <Segmented<PeriodPreset | ''>
        options={PERIOD_PRESETS.map((preset) => ({ value: preset, label: t(`supervision.preset.${preset}`) }))}
        value={presetOf(filter, today) ?? ''}
        onChange={(preset) => preset && update({ from: undefined, to: undefined, ...presetRange(preset, today) })}
        data-testid="period-presets"
      />
      <DatePicker.RangePicker
        aria-label={t('supervision.period')}
        value={range}
        allowEmpty={[false, false]}
        onChange={(days) =>
          update({ from: days?.[0]?.format(dayFormat) ?? undefined, to: days?.[1]?.format(dayFormat) ?? undefined })
        }
      />
      <Tooltip title={regionFixed ? t('supervision.regionFixed') : undefined}>
        <Select
          aria-label={t('supervision.region')}
          style={{ minWidth: 140 }}
          options={regionOptions}
          loading={regions.isPending}
          value={filter.region ?? city?.code}
          disabled={regionFixed}
          onChange={(region: string) => update({ region: region === city?.code ? undefined : region })}
          data-testid="region-select"
        />
      </Tooltip>
      {showInterval && (
        <Segmented<Interval>
          options={[
            { value: 'month', label: t('supervision.interval.month') },
            { value: 'week', label: t('supervision.interval.week') },
          ]}
          value={interval}
          onChange={(next) => update({ interval: next === 'month' ? undefined : next })}
        />
      )}
    </Flex>
  );
}
