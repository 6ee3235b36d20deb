import { Select, type SelectProps } from 'antd';
import { describeError } from '../api/formErrors';
import { useRegions } from '../api/regions';
import { useI18n } from '../i18n/context';
import { regionLabel } from './names';

/** A select of the city's counties (GB/T 2260 codes), optionally only those in `within`. */
export function CountySelect({ within, ...props }: Omit<SelectProps, 'options'> & { within?: readonly string[] }) {
  const { t, language } = useI18n();
  const regions = useRegions();
  const options = (regions.data ?? [])
    .filter((region) => region.level === 'county' && (!within?.length || within.includes(region.code)))
    .map((region) => ({ value: region.code, label: regionLabel(region, language) }));
  return (
    <Select
      options={options}
      loading={regions.isPending}
      notFoundContent={regions.isError ? describeError(regions.error, t) : undefined}
      showSearch={{ optionFilterProp: 'label' }}
      {...props}
    />
  );
}
