import { BankOutlined, EnvironmentOutlined, TeamOutlined } from '@ant-design/icons';
import { Card, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { useT } from '../i18n/context';
import { ProgramKindTags } from '../loanPrograms/ProgramTags';
import { CompareToggle } from './CompareToggle';
import { useProductFormat } from './format';
import type { Product } from './product';
import { ProductFigures } from './ProductFigures';
import { KindTag } from './ProductTags';

/** Remembers the catalog search a detail page was opened from, for its way back. */
export interface FromCatalog {
  catalogSearch: string;
}

function Fact({ icon, label, children }: { icon: ReactNode; label: string; children: string }) {
  return (
    <Flex gap={6} style={{ minWidth: 0 }}>
      <Typography.Text type="secondary" style={{ flex: 'none' }}>
        {icon} {label}
      </Typography.Text>
      <Typography.Text ellipsis={{ tooltip: children }}>{children}</Typography.Text>
    </Flex>
  );
}

/** One product in the catalog's results. */
export function ProductCard({ product }: { product: Product }) {
  const t = useT();
  const format = useProductFormat();
  const detail = `/products/${product.id}`;
  const { search } = useLocation();
  const state: FromCatalog = { catalogSearch: search };

  return (
    <Card
      data-testid="product-card"
      data-product-id={product.id}
      style={{ height: '100%', display: 'flex', flexDirection: 'column' }}
      styles={{ body: { flex: 1 } }}
      title={
        <Link to={detail} state={state} data-testid="product-name">
          {product.name}
        </Link>
      }
      extra={<KindTag kind={product.kind} />}
      actions={[
        <CompareToggle key="compare" product={product} />,
        <Link key="detail" to={detail} state={state}>
          {t('product.viewDetail')}
        </Link>,
      ]}
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary" ellipsis>
          <BankOutlined /> {product.institution.name}
        </Typography.Text>
        {product.programs?.length ? (
          <Flex gap={4} wrap data-testid="product-program-tags">
            <ProgramKindTags programs={product.programs} />
          </Flex>
        ) : null}
        <ProductFigures product={product} />
        <Flex vertical gap={4}>
          <Fact icon={<EnvironmentOutlined />} label={t('product.counties')}>
            {format.counties(product)}
          </Fact>
          <Fact icon={<TeamOutlined />} label={t('product.customerTypes')}>
            {format.customerTypes(product.customerTypes)}
          </Fact>
        </Flex>
      </Flex>
    </Card>
  );
}
