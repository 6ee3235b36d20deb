import { Card, Flex, InputNumber, Typography } from 'antd';
import { useState } from 'react';
import type { Product } from '../catalog/product';
import { useI18n } from '../i18n/context';
import { formatAmount, wanToYuan, yuanToWan } from '../i18n/format';
import { programsCoveringProduct } from './estimate';
import { useActivePrograms } from './queries';
import { QualifyingPrograms } from './QualifyingPrograms';

/**
 * The product page's 政策支持: the active programs some loan of this product could be enrolled in, and
 * what 贴息 would save on an amount the reader may change (at first the one they filtered the catalog
 * for, else the product's smallest). Nothing when no program covers the product.
 */
export function ProductPrograms({ product, wishAmount }: { product: Product; wishAmount: number | undefined }) {
  const { t, language } = useI18n();
  const programs = useActivePrograms();
  const [principal, setPrincipal] = useState(wishAmount ?? product.minAmount ?? product.maxAmount ?? undefined);
  const covering = programsCoveringProduct(programs.data ?? [], product);
  if (!covering.length) return null;

  const basis =
    principal && product.minRate !== null
      ? t('loanProgram.estimateBasis', {
          principal: t('unit.amount', { value: formatAmount(principal, language) }),
          rate: t('unit.percent', { value: product.minRate }),
        })
      : null;
  return (
    <Card title={t('loanProgram.title')} data-testid="product-programs">
      <QualifyingPrograms
        programs={covering}
        principal={principal}
        annualRate={product.minRate}
        footer={
          <Flex vertical gap={4}>
            <Flex gap={8} align="center" wrap>
              <label htmlFor="program-estimate-amount">{t('loanProgram.estimateAmount')}</label>
              <InputNumber<number>
                id="program-estimate-amount"
                min={0.01}
                max={yuanToWan(1_000_000_000)}
                value={principal === undefined ? null : yuanToWan(principal)}
                onChange={(wan) => setPrincipal(wan ? wanToYuan(wan) : undefined)}
                suffix={t('unit.wanShort')}
                style={{ width: 180 }}
              />
            </Flex>
            {basis && <Typography.Text type="secondary">{basis}</Typography.Text>}
            <Typography.Text type="secondary">{t('loanProgram.decidedAtDisbursement')}</Typography.Text>
          </Flex>
        }
      />
    </Card>
  );
}
