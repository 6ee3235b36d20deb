import { theme, type ThemeConfig } from 'antd';

const primary = '#1f5fbf';
const headerBackground = '#0f3b7d';

/** The platform's look: antd's default theme with an institutional blue. */
export const appTheme: ThemeConfig = {
  token: { colorPrimary: primary },
  components: {
    Layout: { headerBg: headerBackground, headerPadding: '0 16px' },
  },
};

/** The header is dark blue; a dark theme inside it keeps its text and buttons legible. */
export const headerContentTheme: ThemeConfig = {
  algorithm: theme.darkAlgorithm,
};
