import { App, Checkbox } from 'antd';
import { useT } from '../i18n/context';
import { compareLimit, useCompareSelection, type ComparedProduct } from './compareSelection';

/** Adds a product to the comparison or takes it out; says so when the comparison is full. */
export function CompareToggle({ product }: { product: ComparedProduct }) {
  const t = useT();
  const { message } = App.useApp();
  const comparison = useCompareSelection();
  return (
    <Checkbox
      checked={comparison.has(product.id)}
      data-testid="compare-toggle"
      onChange={(event) => {
        if (!event.target.checked) comparison.remove(product.id);
        else if (!comparison.add(product)) void message.warning(t('compare.full', { limit: compareLimit }));
      }}
    >
      {t('compare.add')}
    </Checkbox>
  );
}
