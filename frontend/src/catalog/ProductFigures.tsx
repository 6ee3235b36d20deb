import { Col, Row, Typography } from 'antd';
import { useT } from '../i18n/context';
import { useProductFormat } from './format';
import type { Product } from './product';

/** The three numbers people compare first: amount, term and annual rate. */
export function ProductFigures({ product, size = 'default' }: { product: Product; size?: 'default' | 'large' }) {
  const t = useT();
  const format = useProductFormat();
  const figures = [
    { key: 'amount', label: t('product.amount'), value: format.amountRange(product) },
    { key: 'term', label: t('product.term'), value: format.termRange(product) },
    { key: 'rate', label: t('product.rate'), value: format.rateRange(product) },
  ];
  return (
    <Row gutter={[12, 8]}>
      {figures.map((figure) => (
        <Col key={figure.key} span={8}>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {figure.label}
          </Typography.Text>
          <Typography.Text
            strong
            data-testid={`product-${figure.key}`}
            style={{ fontSize: size === 'large' ? 20 : 15, color: figure.key === 'rate' ? '#d4380d' : undefined }}
          >
            {figure.value}
          </Typography.Text>
        </Col>
      ))}
    </Row>
  );
}
