import { Card, Flex, List, theme, Typography } from 'antd';
import { useT } from '../i18n/context';
import { OriginTag } from './OriginTag';
import type { CalendarYearSummary } from './queries';

/** The years in use, each with where its schedule comes from and the admin's note; one is chosen. */
export function YearList({
  items,
  selected,
  onSelect,
}: {
  items: readonly CalendarYearSummary[];
  selected: number;
  onSelect: (year: number) => void;
}) {
  const t = useT();
  const { token } = theme.useToken();
  return (
    <Card title={t('calendar.years')} size="small" styles={{ body: { padding: 4 } }}>
      <List
        data-testid="calendar-years"
        dataSource={[...items]}
        split={false}
        renderItem={(item) => (
          <List.Item data-year={item.year} data-source={item.source} style={{ padding: 0 }}>
            {/* The button is inside the item: a list's children must stay list items for assistive technology. */}
            <Flex
              vertical
              gap={4}
              role="button"
              tabIndex={0}
              aria-pressed={item.year === selected}
              onClick={() => onSelect(item.year)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' || event.key === ' ') {
                  event.preventDefault();
                  onSelect(item.year);
                }
              }}
              style={{
                minWidth: 0,
                width: '100%',
                cursor: 'pointer',
                padding: '8px 12px',
                borderRadius: token.borderRadius,
                background: item.year === selected ? token.controlItemBgActive : undefined,
              }}
            >
              <Flex align="center" gap={8} wrap>
                <Typography.Text strong>{t('calendar.year', { year: item.year })}</Typography.Text>
                <OriginTag origin={item.origin} />
              </Flex>
              {item.note && (
                <Typography.Text type="secondary" ellipsis={{ tooltip: item.note }}>
                  {item.note}
                </Typography.Text>
              )}
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}
