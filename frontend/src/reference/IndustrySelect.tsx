import { Select, type SelectProps } from 'antd';
import { useI18n } from '../i18n/context';
import { industryCodes, industryLabel } from './names';

/** A select of the GB/T 4754 industry sections. */
export function IndustrySelect(props: Omit<SelectProps, 'options'>) {
  const { language } = useI18n();
  const options = industryCodes.map((code) => ({ value: code, label: industryLabel(code, language) }));
  return <Select options={options} showSearch={{ optionFilterProp: 'label' }} {...props} />;
}
