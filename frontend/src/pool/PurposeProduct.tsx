import { Flex, Tag, Typography } from 'antd';
import { useT } from '../i18n/context';
import type { LoanRequest } from '../requests/loanRequest';

/**
 * What the money is for, as the pool shows it (digits hidden, cut short by the API), and the product
 * the applicant chose in the catalog, if any — what an officer weighs before claiming.
 */
export function PurposeProduct({ request }: { request: LoanRequest }) {
  const t = useT();
  return (
    // Stretched to the cell's width, so a long purpose ends in an ellipsis there rather than overflowing.
    <Flex vertical gap={4} style={{ minWidth: 0 }}>
      <Typography.Text
        ellipsis={{ tooltip: `${request.purpose}（${t('pool.purposeMasked')}）` }}
        data-testid="pool-purpose"
      >
        {request.purpose}
      </Typography.Text>
      {request.product ? (
        <Tag color="blue" data-testid="pool-product" style={{ marginInlineEnd: 0, alignSelf: 'flex-start' }}>
          {request.product.name}
        </Tag>
      ) : (
        <Typography.Text type="secondary" data-testid="pool-product">
          {t('pool.noProduct')}
        </Typography.Text>
      )}
    </Flex>
  );
}
