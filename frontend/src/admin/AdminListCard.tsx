import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Grid, Input, Select } from 'antd';
import type { ReactNode } from 'react';

/**
 * An admin list's frame: a search box and one filter above the table, the "new" action beside them
 * (an icon alone on a phone).
 */
export function AdminListCard<Value extends string>({
  search,
  filter,
  create,
  children,
}: {
  search: { label: string; value: string; onChange: (text: string) => void };
  filter: {
    label: string;
    placeholder: string;
    value: Value | undefined;
    onChange: (value: Value | undefined) => void;
    options: { value: Value; label: string }[];
  };
  create: { label: string; onClick: () => void };
  children: ReactNode;
}) {
  const phone = Grid.useBreakpoint().md === false;
  return (
    <Card
      title={
        <Flex gap={8} wrap>
          <Input.Search
            allowClear
            aria-label={search.label}
            placeholder={search.label}
            value={search.value}
            onChange={(e) => search.onChange(e.target.value)}
            style={{ width: phone ? '100%' : 240 }}
          />
          <Select<Value>
            aria-label={filter.label}
            allowClear
            placeholder={filter.placeholder}
            value={filter.value}
            onChange={filter.onChange}
            options={filter.options}
            style={{ width: 140 }}
          />
        </Flex>
      }
      extra={
        <Button type="primary" icon={<PlusOutlined />} aria-label={create.label} onClick={create.onClick}>
          {phone ? null : create.label}
        </Button>
      }
    >
      {children}
    </Card>
  );
}
