import { Button, Col, Empty, Flex, Grid, Pagination, Row, Select, Skeleton, Typography } from 'antd';
import { useT } from '../i18n/context';
import { PlaceRequestButton } from './ApplyButton';
import { LoadFailed } from '../layout/LoadFailed';
import { CatalogFilters } from './CatalogFilters';
import { catalogSearchParams, catalogSorts, useCatalogQuery } from './catalogQuery';
import { CompareBar } from './CompareBar';
import { catalogPageSize, useCatalog } from './product';
import { ProductCard } from './ProductCard';
import { PageTitle } from '../layout/PageHeading';

/** 产品超市: every listed product, searched and filtered to what fits the visitor. Public. */
export default function CatalogPage() {
  const t = useT();
  const phone = Grid.useBreakpoint().md === false;
  const { query, change, clearFilters } = useCatalogQuery();
  const catalog = useCatalog(query);

  let results;
  if (catalog.isError) {
    results = <LoadFailed error={catalog.error} onRetry={() => void catalog.refetch()} />;
  } else if (!catalog.data) {
    results = <Skeleton active paragraph={{ rows: 6 }} />;
  } else if (catalog.data.items.length === 0) {
    results = (
      <Empty description={t('catalog.noResults')} data-testid="catalog-empty">
        <Flex gap={8} justify="center" wrap>
          <Button onClick={clearFilters}>{t('catalog.clearFilters')}</Button>
          <PlaceRequestButton wish={query} />
        </Flex>
      </Empty>
    );
  } else {
    results = (
      <Row
        gutter={[16, 16]}
        style={{ opacity: catalog.isPlaceholderData ? 0.6 : 1 }}
        aria-busy={catalog.isPlaceholderData}
        data-testid="catalog-results"
        data-query={catalog.isPlaceholderData ? undefined : catalogSearchParams(query).toString()}
      >
        {catalog.data.items.map((product) => (
          <Col key={product.id} xs={24} md={12} xl={8}>
            <ProductCard product={product} />
          </Col>
        ))}
      </Row>
    );
  }

  return (
    <Flex vertical gap={16} style={{ paddingBottom: 96 }}>
      <div>
        <PageTitle>{t('nav.products')}</PageTitle>
        <Typography.Text type="secondary">{t('catalog.subtitle')}</Typography.Text>
      </div>
      <CatalogFilters query={query} change={change} clearFilters={clearFilters} phone={phone} />
      <Flex justify="space-between" align="center" gap={12}>
        <Typography.Text type="secondary" data-testid="catalog-total">
          {catalog.data ? t('catalog.total', { count: catalog.data.total }) : ' '}
        </Typography.Text>
        <Select
          aria-label={t('catalog.sort')}
          data-testid="catalog-sort"
          value={query.sort}
          onChange={(sort) => change({ sort })}
          options={catalogSorts.map((sort) => ({ value: sort, label: t(`catalog.sort.${sort}`) }))}
          style={{ width: phone ? 150 : 180 }}
          prefix={phone ? undefined : t('catalog.sort')}
        />
      </Flex>
      {results}
      {catalog.data && catalog.data.total > catalogPageSize && (
        <Pagination
          align="center"
          current={query.page}
          pageSize={catalogPageSize}
          total={catalog.data.total}
          showSizeChanger={false}
          onChange={(page) => {
            change({ page });
            window.scrollTo({ top: 0 });
          }}
        />
      )}
      {catalog.data && catalog.data.items.length > 0 && (
        <Flex justify="center" align="center" gap={8} wrap>
          <Typography.Text type="secondary">{t('visitor.noneFits')}</Typography.Text>
          <PlaceRequestButton wish={query} />
        </Flex>
      )}
      <CompareBar phone={phone} />
    </Flex>
  );
}
