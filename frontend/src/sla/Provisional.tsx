import { InfoCircleOutlined } from '@ant-design/icons';
import { Tag, Tooltip, Typography } from 'antd';
import { useT } from '../i18n/context';

/**
 * A deadline that counted a day of a year whose holiday schedule is not yet published: it is an
 * estimate from the statutory holidays, which the State Council's schedule may move. Said in full
 * where a promise is read (the request page, before submitting) …
 */
export function ProvisionalNote() {
  const t = useT();
  return (
    <Typography.Text type="warning" data-testid="provisional-note">
      <InfoCircleOutlined /> {t('provisional.full')}
    </Typography.Text>
  );
}

/** … and as a small tag, the sentence on hover, where deadlines are listed. */
export function ProvisionalTag() {
  const t = useT();
  return (
    <Tooltip title={t('provisional.full')}>
      <Tag color="gold" style={{ marginInlineEnd: 0 }} data-testid="provisional-tag">
        {t('provisional.short')}
      </Tag>
    </Tooltip>
  );
}
