import { Button, Card, Flex, Tag, Typography } from 'antd';
import type { CSSProperties } from 'react';
import { useNavigate } from 'react-router';
import { useT } from '../i18n/context';
import { compareLimit, comparePath, useCompareSelection } from './compareSelection';

/** Floats at the bottom of the catalog while products are picked for comparison. */
export function CompareBar({ phone }: { phone: boolean }) {
  const t = useT();
  const navigate = useNavigate();
  const { selected, remove, clear } = useCompareSelection();
  if (selected.length === 0) return null;

  const ready = selected.length >= 2;
  const place: CSSProperties = phone
    ? { left: 8, right: 8, bottom: 8 }
    : { left: '50%', transform: 'translateX(-50%)', width: 'min(880px, calc(100vw - 48px))', bottom: 16 };

  return (
    <Card
      data-testid="compare-bar"
      size="small"
      style={{
        position: 'fixed',
        ...place,
        zIndex: 20,
        boxShadow: '0 6px 24px rgba(15, 59, 125, 0.25)',
      }}
    >
      <Flex align="center" gap={12} wrap>
        <Typography.Text strong>
          {t('compare.selected', { count: selected.length, limit: compareLimit })}
        </Typography.Text>
        {!phone && (
          <Flex gap={4} wrap style={{ flex: 1, minWidth: 0 }}>
            {selected.map((product) => (
              <Tag key={product.id} closable onClose={() => remove(product.id)} style={{ marginInlineEnd: 0 }}>
                {product.name}
              </Tag>
            ))}
          </Flex>
        )}
        <Flex gap={8} style={{ marginInlineStart: 'auto' }}>
          <Button onClick={clear}>{t('compare.clear')}</Button>
          <Button
            type="primary"
            disabled={!ready}
            onClick={() => navigate(comparePath(selected.map((product) => product.id)))}
            data-testid="start-compare"
          >
            {t('compare.start', { count: selected.length })}
          </Button>
        </Flex>
      </Flex>
      {!ready && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('compare.pickMore')}
        </Typography.Text>
      )}
    </Card>
  );
}
