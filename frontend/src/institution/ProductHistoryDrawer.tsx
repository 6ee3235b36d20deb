import { Drawer, Empty, Skeleton, Tag, Timeline, Typography } from 'antd';
import { describeError } from '../api/formErrors';
import { notSet, useProductFormat } from '../catalog/format';
import type { CustomerType, Product, ProductKind } from '../catalog/product';
import { useI18n } from '../i18n/context';
import { formatDateTime } from '../i18n/format';
import type { MessageKey } from '../i18n/messages';
import { useLastShown } from '../layout/useLastShown';
import { industryLabel } from '../reference/names';
import { useProductHistory, type ProductChange, type ProductField } from './institutionProducts';

const fieldLabels: Record<ProductField, MessageKey> = {
  name: 'product.name',
  kind: 'product.kind',
  minAmount: 'productForm.minAmount',
  maxAmount: 'productForm.maxAmount',
  minTermMonths: 'productForm.minTermMonths',
  maxTermMonths: 'productForm.maxTermMonths',
  minRate: 'productForm.minRate',
  maxRate: 'productForm.maxRate',
  customerTypes: 'product.customerTypes',
  allCounties: 'productForm.allCounties',
  counties: 'product.counties',
  allIndustries: 'productForm.allIndustries',
  industries: 'product.industries',
  requiredMaterials: 'product.requiredMaterials',
  description: 'product.description',
  // Listing and delisting record the status; their entries show it as their tag.
  status: 'product.status',
};

const actionColors: Record<ProductChange['action'], string> = {
  created: 'blue',
  updated: 'gold',
  listed: 'green',
  delisted: 'red',
};

/** A changed value in words: amounts with units, codes by name. */
function useDescribeValue() {
  const { t, language } = useI18n();
  const format = useProductFormat();
  return (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return notSet;
    if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no');
    if (typeof value === 'number') {
      if (field === 'minAmount' || field === 'maxAmount')
        return format.amountRange({ minAmount: value, maxAmount: value });
      if (field === 'minTermMonths' || field === 'maxTermMonths')
        return format.termRange({ minTermMonths: value, maxTermMonths: value });
      if (field === 'minRate' || field === 'maxRate') return format.rateRange({ minRate: value, maxRate: value });
    }
    if (field === 'kind') return format.kind(value as ProductKind);
    if (Array.isArray(value)) {
      if (field === 'customerTypes') return format.customerTypes(value as CustomerType[]);
      if (field === 'counties') return format.list(value.map(String).map(format.countyName)) || notSet;
      if (field === 'industries')
        return format.list(value.map((code) => industryLabel(String(code), language))) || notSet;
      return format.list(value.map(String)) || notSet;
    }
    return String(value);
  };
}

function ChangeEntry({ entry }: { entry: ProductChange }) {
  const { t, language } = useI18n();
  const describe = useDescribeValue();
  const changes = Object.entries(entry.changes);
  return (
    <>
      <Tag color={actionColors[entry.action]}>{t(`history.${entry.action}`)}</Tag>
      <Typography.Text>{entry.actor.displayName}</Typography.Text>{' '}
      <Typography.Text type="secondary">{formatDateTime(entry.at, language)}</Typography.Text>
      {entry.action === 'updated' && changes.length > 0 && (
        <ul style={{ margin: '6px 0 0', paddingInlineStart: 18 }}>
          {changes.map(([field, change]) => (
            <li key={field}>
              <Typography.Text type="secondary">
                {field in fieldLabels ? t(fieldLabels[field as ProductField]) : field}:
              </Typography.Text>{' '}
              <Typography.Text delete>{describe(field, change?.from)}</Typography.Text> →{' '}
              <Typography.Text>{describe(field, change?.to)}</Typography.Text>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function History({ productId }: { productId: string }) {
  const { t } = useI18n();
  const history = useProductHistory(productId);
  if (history.isError) return <Typography.Text type="danger">{describeError(history.error, t)}</Typography.Text>;
  if (!history.data) return <Skeleton active />;
  if (history.data.items.length === 0) return <Empty />;
  return (
    <Timeline
      items={history.data.items.map((entry, index) => ({
        key: index,
        color: actionColors[entry.action],
        content: <ChangeEntry entry={entry} />,
      }))}
    />
  );
}

/** Who created, changed, listed and delisted a product, and when. */
export function ProductHistoryDrawer({ product, onClose }: { product: Product | null; onClose: () => void }) {
  const { t } = useI18n();
  const shown = useLastShown(product);
  return (
    <Drawer
      open={product !== null}
      onClose={onClose}
      destroyOnHidden
      title={shown ? t('history.title', { name: shown.name }) : null}
    >
      {shown && <History productId={shown.id} />}
    </Drawer>
  );
}
