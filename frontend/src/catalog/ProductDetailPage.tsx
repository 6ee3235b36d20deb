import { ArrowLeftOutlined, BankOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Empty, Flex, Grid, List, Result, Row, Skeleton, Typography } from 'antd';
import { Link, useLocation, useParams } from 'react-router';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/context';
import { formatDateTime } from '../i18n/format';
import { LoadFailed } from '../layout/LoadFailed';
import { ApplyButton } from './ApplyButton';
import { CompareBar } from './CompareBar';
import { CompareToggle } from './CompareToggle';
import { notSet, useProductFormat } from './format';
import { InstitutionCard } from './InstitutionCard';
import { useProduct, type ProductDetail } from './product';
import type { FromCatalog } from './ProductCard';
import { ProductFigures } from './ProductFigures';
import { KindTag, StatusTag } from './ProductTags';
import { PageTitle } from '../layout/PageHeading';
import { ProductPrograms } from '../loanPrograms/ProductPrograms';
import { ProgramKindTags } from '../loanPrograms/ProgramTags';
import { readWish } from '../requests/newRequestForm';

function BackToCatalog() {
  const { t } = useI18n();
  const from = useLocation().state as FromCatalog | null;
  return (
    <Link to={`/products${from?.catalogSearch ?? ''}`}>
      <ArrowLeftOutlined /> {t('product.backToCatalog')}
    </Link>
  );
}

function ProductSections({ product }: { product: ProductDetail }) {
  const { t, language } = useI18n();
  const format = useProductFormat();
  const from = useLocation().state as FromCatalog | null;

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={16}>
        <Flex vertical gap={16}>
          <Card title={t('product.eligibility')} data-testid="eligibility">
            <List
              dataSource={product.eligibility}
              locale={{ emptyText: <Typography.Text type="secondary">{notSet}</Typography.Text> }}
              renderItem={(rule) => (
                <List.Item>
                  <Typography.Text>
                    <CheckCircleOutlined style={{ color: '#389e0d', marginInlineEnd: 8 }} />
                    {rule}
                  </Typography.Text>
                </List.Item>
              )}
            />
          </Card>
          <ProductPrograms product={product} wishAmount={readWish(new URLSearchParams(from?.catalogSearch)).amount} />
          <Card title={t('product.details')}>
            <Descriptions
              column={1}
              size="small"
              items={[
                {
                  key: 'customerTypes',
                  label: t('product.customerTypes'),
                  children: format.customerTypes(product.customerTypes),
                },
                { key: 'counties', label: t('product.counties'), children: format.counties(product) },
                { key: 'industries', label: t('product.industries'), children: format.industries(product) },
                { key: 'requests', label: t('product.requestCount'), children: product.requestCount },
                {
                  key: 'listedAt',
                  label: t('product.listedAt'),
                  children: product.listedAt ? formatDateTime(product.listedAt, language) : notSet,
                },
              ]}
            />
          </Card>
          <Card title={t('product.requiredMaterials')} data-testid="required-materials">
            {product.requiredMaterials.length ? (
              <ol style={{ margin: 0, paddingInlineStart: 20 }}>
                {product.requiredMaterials.map((material) => (
                  <li key={material}>{material}</li>
                ))}
              </ol>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('product.noMaterials')} />
            )}
          </Card>
          <Card title={t('product.description')}>
            {/* Plain text: whatever the institution typed is shown as text, never as markup. */}
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} data-testid="product-description">
              {product.description || notSet}
            </Typography.Paragraph>
          </Card>
        </Flex>
      </Col>
      <Col xs={24} lg={8}>
        <InstitutionCard institutionId={product.institution.id} />
      </Col>
    </Row>
  );
}

/** One product with everything an applicant needs to decide: rules, materials, the institution. Public. */
export default function ProductDetailPage() {
  const { t } = useI18n();
  const id = useParams().id ?? '';
  const product = useProduct(id);
  const phone = Grid.useBreakpoint().md === false;

  if (product.isError) {
    if (product.error instanceof ApiError && [400, 403, 404].includes(product.error.status)) {
      return (
        <Result
          status="404"
          title={<PageTitle>{t('product.notFound')}</PageTitle>}
          extra={
            <Link to="/products">
              <Button type="primary">{t('product.backToCatalog')}</Button>
            </Link>
          }
        />
      );
    }
    return <LoadFailed error={product.error} onRetry={() => void product.refetch()} />;
  }
  if (!product.data) return <Skeleton active paragraph={{ rows: 10 }} />;

  const data = product.data;
  const listed = data.status === 'listed';
  return (
    <Flex vertical gap={16} style={{ paddingBottom: 96 }} data-testid="product-detail">
      <BackToCatalog />
      <Card>
        <Flex vertical gap={16}>
          <div>
            <Flex align="center" gap={8} wrap>
              <PageTitle data-testid="product-title">{data.name}</PageTitle>
              <KindTag kind={data.kind} />
              {data.programs && <ProgramKindTags programs={data.programs} />}
              {!listed && <StatusTag status={data.status} />}
            </Flex>
            <Typography.Text type="secondary">
              <BankOutlined /> {data.institution.name}
            </Typography.Text>
          </div>
          <ProductFigures product={data} size={phone ? 'default' : 'large'} />
          {listed && (
            <div>
              <Flex align="center" gap={16} wrap>
                <ApplyButton productId={data.id} />
                <CompareToggle product={data} />
              </Flex>
              <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
                {t('product.applyHint')}
              </Typography.Paragraph>
            </div>
          )}
        </Flex>
      </Card>
      <ProductSections product={data} />
      <CompareBar phone={phone} />
    </Flex>
  );
}
