import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Grid, Popconfirm, Segmented, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../api/client';
import { describeError } from '../api/formErrors';
import { notSet, useProductFormat } from '../catalog/format';
import type { Product, ProductStatus } from '../catalog/product';
import { KindTag, StatusTag } from '../catalog/ProductTags';
import { productStatuses } from '../catalog/vocabulary';
import { useI18n } from '../i18n/context';
import { formatDateTime } from '../i18n/format';
import { institutionProductsPageSize, useChangeListing, useInstitutionProducts } from './institutionProducts';
import { ProductFormDrawer, type ProductEditing } from './ProductFormDrawer';
import { ProductHistoryDrawer } from './ProductHistoryDrawer';
import { useOwnInstitutionId } from './ownInstitution';
import { PageTitle } from '../layout/PageHeading';

/** 产品管理: the institution's products in every status; create, edit, list, delist, and their history. */
export default function ProductsPage() {
  const { t, language } = useI18n();
  const { message } = App.useApp();
  const institutionId = useOwnInstitutionId();
  const format = useProductFormat();
  const phone = Grid.useBreakpoint().md === false;
  const [params, setParams] = useSearchParams();
  const status = productStatuses.find((candidate) => candidate === params.get('status'));
  const page = Math.max(1, Number(params.get('page')) || 1);
  const products = useInstitutionProducts(institutionId, status, page);
  const listing = useChangeListing(institutionId);
  const [editing, setEditing] = useState<ProductEditing | null>(null);
  const [historyOf, setHistoryOf] = useState<Product | null>(null);

  const list = (product: Product) =>
    listing.mutate(
      { id: product.id, action: 'list' },
      {
        onSuccess: () => void message.success(t('institutionProducts.listed', { name: product.name })),
        onError: (error) => {
          // Incomplete: open the form with the missing fields marked.
          if (error instanceof ApiError && error.status === 400) setEditing({ product, listingRefusal: error });
          else void message.error(describeError(error, t));
        },
      },
    );
  const delist = (product: Product) =>
    listing.mutate(
      { id: product.id, action: 'delist' },
      {
        onSuccess: () => void message.success(t('institutionProducts.delisted', { name: product.name })),
        onError: (error) => void message.error(describeError(error, t)),
      },
    );

  const name = (product: Product) => <Link to={`/products/${product.id}`}>{product.name}</Link>;
  const actions: TableColumnsType<Product>[number] = {
    key: 'actions',
    title: t('common.actions'),
    fixed: phone ? undefined : 'end',
    width: phone ? undefined : 190,
    render: (_, product) => (
      <Flex vertical={phone} align="flex-start">
        <Button size="small" type="link" onClick={() => setEditing({ product })}>
          {t('common.edit')}
        </Button>
        {product.status === 'listed' ? (
          <Popconfirm
            title={t('institutionProducts.delistConfirm', { name: product.name })}
            description={t('institutionProducts.delistNote')}
            onConfirm={() => delist(product)}
          >
            <Button size="small" type="link" danger>
              {t('institutionProducts.delist')}
            </Button>
          </Popconfirm>
        ) : (
          <Button size="small" type="link" onClick={() => list(product)} data-testid="list-product">
            {t('institutionProducts.list')}
          </Button>
        )}
        <Button size="small" type="link" onClick={() => setHistoryOf(product)}>
          {t('institutionProducts.history')}
        </Button>
      </Flex>
    ),
  };
  // A phone shows each product as a summary beside its actions; a wider screen shows every column.
  const columns: TableColumnsType<Product> = phone
    ? [
        {
          key: 'product',
          title: t('product.name'),
          render: (_, product) => (
            <Flex vertical gap={4} align="flex-start">
              {name(product)}
              <Flex gap={4}>
                <KindTag kind={product.kind} />
                <StatusTag status={product.status} />
              </Flex>
              <Typography.Text type="secondary">
                {[format.amountRange(product), format.termRange(product), format.rateRange(product)]
                  .filter((figure) => figure !== notSet)
                  .join(' · ')}
              </Typography.Text>
            </Flex>
          ),
        },
        actions,
      ]
    : [
        { key: 'name', title: t('product.name'), render: (_, product) => name(product) },
        { key: 'kind', title: t('product.kind'), render: (_, product) => <KindTag kind={product.kind} /> },
        { key: 'amount', title: t('product.amount'), render: (_, product) => format.amountRange(product) },
        { key: 'term', title: t('product.term'), render: (_, product) => format.termRange(product) },
        { key: 'rate', title: t('product.rate'), render: (_, product) => format.rateRange(product) },
        { key: 'status', title: t('product.status'), render: (_, product) => <StatusTag status={product.status} /> },
        {
          key: 'updatedAt',
          title: t('institutionProducts.updatedAt'),
          render: (_, product) => formatDateTime(product.updatedAt, language),
        },
        actions,
      ];

  const setQuery = (next: { status?: ProductStatus; page?: number }) => {
    const query = new URLSearchParams();
    if (next.status) query.set('status', next.status);
    if (next.page && next.page > 1) query.set('page', String(next.page));
    setParams(query);
  };

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" gap={12} wrap>
        <PageTitle>{t('nav.institutionProducts')}</PageTitle>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ product: null })}>
          {t('institutionProducts.create')}
        </Button>
      </Flex>
      <Card>
        <Segmented<ProductStatus | 'all'>
          value={status ?? 'all'}
          onChange={(value) => setQuery({ status: value === 'all' ? undefined : value })}
          options={[
            { value: 'all', label: t('institutionProducts.all') },
            ...productStatuses.map((value) => ({ value, label: t(`status.${value}`) })),
          ]}
          style={{ marginBottom: 16 }}
        />
        <Table
          data-testid="institution-products"
          rowKey="id"
          columns={columns}
          dataSource={products.data?.items}
          loading={products.isFetching}
          locale={products.isError ? { emptyText: describeError(products.error, t) } : undefined}
          scroll={phone ? undefined : { x: 960 }}
          pagination={{
            current: page,
            pageSize: institutionProductsPageSize,
            total: products.data?.total ?? 0,
            showSizeChanger: false,
            onChange: (next) => setQuery({ status, page: next }),
          }}
        />
      </Card>
      <ProductFormDrawer institutionId={institutionId} editing={editing} onClose={() => setEditing(null)} />
      <ProductHistoryDrawer product={historyOf} onClose={() => setHistoryOf(null)} />
    </Flex>
  );
}
