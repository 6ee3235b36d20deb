import { Alert, Button, Card, Flex, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { describeError } from '../api/formErrors';
import { useProduct, type Product } from '../catalog/product';
import { useT } from '../i18n/context';
import { PageHeading } from '../layout/PageHeading';
import { ChosenProduct } from './ChosenProduct';
import { NewRequestForm } from './NewRequestForm';
import { readWish, type RequestWish } from './newRequestForm';

function Layout({
  chosen,
  product,
  wish,
}: {
  chosen: ReactNode;
  product: Product | undefined | 'loading';
  wish: RequestWish;
}) {
  return (
    <>
      {chosen}
      <Card>
        {product === 'loading' ? (
          <Skeleton active paragraph={{ rows: 8 }} />
        ) : (
          <NewRequestForm product={product} wish={wish} />
        )}
      </Card>
    </>
  );
}

function OpenOrder({ wish }: { wish: RequestWish }) {
  const t = useT();
  const chosen = (
    <Alert
      type="info"
      showIcon
      title={t('newRequest.openOrder')}
      action={
        <Link to="/products">
          <Button size="small">{t('newRequest.pickProduct')}</Button>
        </Link>
      }
    />
  );
  return <Layout chosen={chosen} product={undefined} wish={wish} />;
}

/** A directed order; if the product is gone meanwhile, the form places an open one instead. */
function DirectedOrder({ productId, wish, onDrop }: { productId: string; wish: RequestWish; onDrop: () => void }) {
  const t = useT();
  const product = useProduct(productId);
  if (product.isError) {
    const chosen = (
      <Alert
        type="warning"
        showIcon
        title={t('newRequest.productUnavailable')}
        description={describeError(product.error, t)}
        action={
          <Button size="small" onClick={onDrop}>
            {t('newRequest.dropProduct')}
          </Button>
        }
      />
    );
    return <Layout chosen={chosen} product={undefined} wish={wish} />;
  }
  if (!product.data) return <Layout chosen={null} product="loading" wish={wish} />;
  return (
    <Layout chosen={<ChosenProduct product={product.data} onDrop={onDrop} />} product={product.data} wish={wish} />
  );
}

/**
 * 新建融资需求 (下单随时点): an open order, or a directed one from the catalog's ?productId=; the
 * amount, term and county the applicant filtered the catalog for come along (?amount=&termMonths=&county=).
 */
export default function NewRequestPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const productId = params.get('productId');
  const wish = readWish(params);
  // Dropping the product keeps what the applicant asked for.
  const dropProduct = () =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      next.delete('productId');
      return next;
    });
  return (
    <Flex vertical gap={16} style={{ maxWidth: 880 }}>
      <PageHeading title={t('newRequest.title')} subtitle={t('newRequest.subtitle')} />
      {productId ? (
        <DirectedOrder key={productId} productId={productId} wish={wish} onDrop={dropProduct} />
      ) : (
        <OpenOrder wish={wish} />
      )}
    </Flex>
  );
}
