import { BankOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Typography } from 'antd';
import { Link } from 'react-router';
import type { Product } from '../catalog/product';
import { ProductFigures } from '../catalog/ProductFigures';
import { KindTag } from '../catalog/ProductTags';
import { useT } from '../i18n/context';

/** The product a directed order names, with the way to drop it and place an open order instead. */
export function ChosenProduct({ product, onDrop }: { product: Product; onDrop: () => void }) {
  const t = useT();
  return (
    <Card
      size="small"
      data-testid="chosen-product"
      title={
        <Flex align="center" gap={8}>
          <Typography.Text type="secondary">{t('request.product')}</Typography.Text>
          <Link to={`/products/${product.id}`}>{product.name}</Link>
          <KindTag kind={product.kind} />
        </Flex>
      }
      extra={
        <Button type="link" size="small" onClick={onDrop}>
          {t('newRequest.dropProduct')}
        </Button>
      }
    >
      <Flex vertical gap={8}>
        <Typography.Text type="secondary">
          <BankOutlined /> {product.institution.name}
        </Typography.Text>
        <ProductFigures product={product} />
      </Flex>
    </Card>
  );
}
