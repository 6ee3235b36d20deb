import { Tag } from 'antd';
import { useT } from '../i18n/context';
import type { ProductKind, ProductStatus } from './product';
import { kindColors, statusColors } from './vocabulary';

export function KindTag({ kind }: { kind: ProductKind }) {
  const t = useT();
  return (
    <Tag color={kindColors[kind]} style={{ marginInlineEnd: 0 }}>
      {t(`kind.${kind}`)}
    </Tag>
  );
}

export function StatusTag({ status }: { status: ProductStatus }) {
  const t = useT();
  return (
    <Tag color={statusColors[status]} style={{ marginInlineEnd: 0 }} data-testid="product-status">
      {t(`status.${status}`)}
    </Tag>
  );
}
