import { Flex, theme, Typography } from 'antd';
import type { ComponentProps, ReactNode } from 'react';

/**
 * The page's one `h1` (screen readers jump to it, and WCAG wants one per page), drawn at the size of antd's
 * level-`size` title so the look stays that of a section title.
 */
export function PageTitle({
  size = 3,
  style,
  ...props
}: ComponentProps<typeof Typography.Title> & { size?: 2 | 3 | 4 }) {
  const { token } = theme.useToken();
  const heading = {
    2: [token.fontSizeHeading2, token.lineHeightHeading2],
    3: [token.fontSizeHeading3, token.lineHeightHeading3],
    4: [token.fontSizeHeading4, token.lineHeightHeading4],
  }[size];
  return (
    <Typography.Title
      level={1}
      style={{ margin: 0, fontSize: heading[0], lineHeight: heading[1], ...style }}
      {...props}
    />
  );
}

/** A page's title and what it is for, with what belongs beside them (`extra`: counts, a main action). */
export function PageHeading({ title, subtitle, extra }: { title: string; subtitle?: string; extra?: ReactNode }) {
  return (
    <Flex justify="space-between" align="flex-end" gap={12} wrap>
      <div>
        <PageTitle>{title}</PageTitle>
        {subtitle && <Typography.Text type="secondary">{subtitle}</Typography.Text>}
      </div>
      {extra}
    </Flex>
  );
}
