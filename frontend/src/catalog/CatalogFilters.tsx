import { FilterOutlined, SearchOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Col, Drawer, Flex, Form, Input, InputNumber, Row, Select } from 'antd';
import { useState } from 'react';
import { PROGRAM_KINDS } from '@lcfin/backend/contract';
import { useT } from '../i18n/context';
import { wanToYuan, yuanToWan } from '../i18n/format';
import { CountySelect } from '../reference/CountySelect';
import { IndustrySelect } from '../reference/IndustrySelect';
import { countFilters, type CatalogQuery } from './catalogQuery';
import { InstitutionSelect } from './InstitutionSelect';
import { useDebouncedCommit } from './useDebouncedCommit';
import { customerTypes, productKinds } from './vocabulary';

interface FilterProps {
  query: CatalogQuery;
  change: (changes: Partial<CatalogQuery>) => void;
}

function SearchBox({ query, change }: FilterProps) {
  const t = useT();
  const [text, setText] = useDebouncedCommit(query.q ?? '', (q) => change({ q: q.trim() || undefined }));
  return (
    <Input
      size="large"
      allowClear
      prefix={<SearchOutlined />}
      placeholder={t('catalog.searchPlaceholder')}
      aria-label={t('catalog.search')}
      maxLength={50}
      value={text}
      onChange={(event) => setText(event.target.value)}
      onPressEnter={() => change({ q: text.trim() || undefined })}
    />
  );
}

/** A number typed in the filters applies once the user pauses. */
function NumberFilter({
  id,
  value,
  onCommit,
  suffix,
}: {
  id: string;
  value: number | null;
  onCommit: (value: number | null) => void;
  suffix: string;
}) {
  const [draft, setDraft] = useDebouncedCommit(value, onCommit);
  return (
    <InputNumber<number>
      id={id}
      min={0}
      value={draft}
      onChange={setDraft}
      onPressEnter={() => onCommit(draft)}
      suffix={suffix}
      style={{ width: '100%' }}
    />
  );
}

function FilterFields({ query, change, columns }: FilterProps & { columns: number }) {
  const t = useT();
  const span = 24 / columns;
  const any = t('catalog.any');
  return (
    <Form layout="vertical" component="div">
      <Row gutter={16}>
        <Col span={span}>
          <Form.Item label={t('product.kind')} htmlFor="filter-kind">
            <Select
              id="filter-kind"
              allowClear
              placeholder={any}
              value={query.kind}
              onChange={(kind) => change({ kind })}
              options={productKinds.map((kind) => ({ value: kind, label: t(`kind.${kind}`) }))}
            />
          </Form.Item>
        </Col>
        <Col span={span}>
          <Form.Item label={t('product.institution')} htmlFor="filter-institution">
            <InstitutionSelect
              id="filter-institution"
              allowClear
              placeholder={any}
              value={query.institutionId}
              onChange={(institutionId) => change({ institutionId })}
            />
          </Form.Item>
        </Col>
        <Col span={span}>
          <Form.Item label={t('catalog.county')} htmlFor="filter-county">
            <CountySelect
              id="filter-county"
              allowClear
              placeholder={any}
              value={query.county}
              onChange={(county?: string) => change({ county })}
            />
          </Form.Item>
        </Col>
        <Col span={span}>
          <Form.Item label={t('catalog.customerType')} htmlFor="filter-customer-type">
            <Select
              id="filter-customer-type"
              allowClear
              placeholder={any}
              value={query.customerType}
              onChange={(customerType) => change({ customerType })}
              options={customerTypes.map((type) => ({ value: type, label: t(`customerType.${type}`) }))}
            />
          </Form.Item>
        </Col>
        <Col span={span}>
          <Form.Item label={t('catalog.industry')} htmlFor="filter-industry">
            <IndustrySelect
              id="filter-industry"
              allowClear
              placeholder={any}
              value={query.industry}
              onChange={(industry?: string) => change({ industry })}
            />
          </Form.Item>
        </Col>
        <Col span={span}>
          <Form.Item label={t('catalog.amount')} htmlFor="filter-amount">
            <NumberFilter
              id="filter-amount"
              suffix={t('unit.wanShort')}
              value={query.amount === undefined ? null : yuanToWan(query.amount)}
              onCommit={(wan) => change({ amount: wan ? wanToYuan(wan) : undefined })}
            />
          </Form.Item>
        </Col>
        <Col span={span}>
          <Form.Item label={t('catalog.termMonths')} htmlFor="filter-term">
            <NumberFilter
              id="filter-term"
              suffix={t('unit.monthsShort')}
              value={query.termMonths ?? null}
              onCommit={(months) => change({ termMonths: months ? Math.round(months) : undefined })}
            />
          </Form.Item>
        </Col>
        <Col span={span}>
          <Form.Item label={t('loanProgram.filter')} htmlFor="filter-program-kind">
            <Select
              id="filter-program-kind"
              allowClear
              placeholder={any}
              value={query.programKind}
              onChange={(programKind) => change({ programKind })}
              options={PROGRAM_KINDS.map((kind) => ({ value: kind, label: t(`loanProgram.tag.${kind}`) }))}
            />
          </Form.Item>
        </Col>
      </Row>
    </Form>
  );
}

/**
 * The catalog's search box and filters: "products that fit me". On a phone the filters open in a drawer.
 */
export function CatalogFilters({
  phone,
  clearFilters,
  ...props
}: FilterProps & { phone: boolean; clearFilters: () => void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const active = countFilters(props.query);
  const clearButton = (size?: 'large') => (
    <Button size={size} onClick={clearFilters} disabled={active === 0 && !props.query.q}>
      {t('catalog.clearFilters')}
    </Button>
  );

  if (phone) {
    return (
      <>
        <Flex gap={8}>
          <SearchBox {...props} />
          <Badge count={active} size="small">
            <Button size="large" icon={<FilterOutlined />} onClick={() => setOpen(true)} data-testid="open-filters">
              {t('catalog.filters')}
            </Button>
          </Badge>
        </Flex>
        <Drawer
          placement="bottom"
          size="auto"
          open={open}
          onClose={() => setOpen(false)}
          title={t('catalog.filters')}
          footer={
            <Flex gap={8} justify="flex-end">
              {clearButton()}
              <Button type="primary" onClick={() => setOpen(false)}>
                {t('catalog.showResults')}
              </Button>
            </Flex>
          }
        >
          <FilterFields {...props} columns={1} />
        </Drawer>
      </>
    );
  }

  return (
    <Card styles={{ body: { paddingBottom: 0 } }}>
      <Flex gap={12} style={{ marginBottom: 16 }}>
        <SearchBox {...props} />
        {clearButton('large')}
      </Flex>
      <FilterFields {...props} columns={4} />
    </Card>
  );
}
