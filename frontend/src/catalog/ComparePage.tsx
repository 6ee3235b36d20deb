import { ArrowLeftOutlined, CloseOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Grid, Table, Typography, type TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { describeError } from '../api/formErrors';
import { useT } from '../i18n/context';
import type { MessageKey } from '../i18n/messages';
import { compareLimit, comparePath, useCompareSelection } from './compareSelection';
import { notSet, useProductFormat, type ProductFormat } from './format';
import { useProducts, type ProductDetail } from './product';
import { KindTag } from './ProductTags';
import { PageTitle } from '../layout/PageHeading';

/** The rows of the comparison: one attribute each, shown for every product. */
const attributes: {
  key: string;
  label: MessageKey;
  show: (product: ProductDetail, format: ProductFormat) => ReactNode;
}[] = [
  { key: 'institution', label: 'product.institution', show: (product) => product.institution.name },
  { key: 'kind', label: 'product.kind', show: (product) => <KindTag kind={product.kind} /> },
  { key: 'amount', label: 'product.amount', show: (product, format) => format.amountRange(product) },
  { key: 'term', label: 'product.term', show: (product, format) => format.termRange(product) },
  { key: 'rate', label: 'product.rate', show: (product, format) => format.rateRange(product) },
  {
    key: 'customerTypes',
    label: 'product.customerTypes',
    show: (product, format) => format.customerTypes(product.customerTypes),
  },
  { key: 'counties', label: 'product.counties', show: (product, format) => format.counties(product) },
  { key: 'industries', label: 'product.industries', show: (product, format) => format.industries(product) },
  {
    key: 'materials',
    label: 'product.requiredMaterials',
    show: (product, format) => format.list(product.requiredMaterials) || notSet,
  },
];

function compareIds(params: URLSearchParams): string[] {
  const ids = (params.get('ids') ?? '').split(',').filter(Boolean);
  return [...new Set(ids)].slice(0, compareLimit);
}

/** Up to four products side by side, one column each; the address lists them, so it can be shared. Public. */
export default function ComparePage() {
  const t = useT();
  const format = useProductFormat();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const ids = compareIds(params);
  const products = useProducts(ids);
  const selection = useCompareSelection();
  // On a phone two products fit beside the attribute names; more scroll sideways.
  const phone = Grid.useBreakpoint().md === false;
  const attributeWidth = phone ? 84 : 110;
  const productWidth = phone ? 140 : 220;

  const back = (
    <Link to="/products">
      <ArrowLeftOutlined /> {t('product.backToCatalog')}
    </Link>
  );
  if (ids.length === 0) {
    return (
      <Flex vertical gap={16}>
        {back}
        <Card>
          <Empty description={t('compare.empty')} />
        </Card>
      </Flex>
    );
  }

  const removeProduct = (id: string) => {
    selection.remove(id);
    navigate(comparePath(ids.filter((other) => other !== id)), { replace: true });
  };

  const columns: TableColumnsType<(typeof attributes)[number]> = [
    {
      key: 'attribute',
      title: t('compare.attribute'),
      fixed: 'start',
      width: attributeWidth,
      render: (_, attribute) => <Typography.Text type="secondary">{t(attribute.label)}</Typography.Text>,
    },
    ...products.map((result, index) => {
      const id = ids[index] ?? '';
      const product = result.data;
      return {
        key: id,
        width: productWidth,
        title: (
          <Flex justify="space-between" align="flex-start" gap={4}>
            {product ? (
              <Link to={`/products/${id}`} data-testid="compare-product">
                {product.name}
              </Link>
            ) : (
              <Typography.Text type="secondary">
                {result.isError ? describeError(result.error, t) : t('compare.loading')}
              </Typography.Text>
            )}
            <Button
              type="text"
              size="small"
              icon={<CloseOutlined />}
              aria-label={t('compare.remove')}
              onClick={() => removeProduct(id)}
            />
          </Flex>
        ),
        render: (_: unknown, attribute: (typeof attributes)[number]) =>
          product ? attribute.show(product, format) : null,
      };
    }),
  ];

  return (
    <Flex vertical gap={16}>
      {back}
      <PageTitle>{t('compare.title')}</PageTitle>
      <Table
        data-testid="compare-table"
        rowKey="key"
        bordered
        size={phone ? 'small' : 'middle'}
        pagination={false}
        columns={columns}
        dataSource={attributes}
        scroll={{ x: attributeWidth + productWidth * ids.length }}
      />
    </Flex>
  );
}
