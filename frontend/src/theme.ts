import { presetPalettes } from '@ant-design/colors';
import { theme, type ThemeConfig } from 'antd';

const primary = '#1f5fbf';
const headerBackground = '#0f3b7d';

/**
 * Text on a preset-coloured tag: antd draws it in shade 7 on shade 1, under WCAG AA's 4.5:1 for these
 * colours; each gets the lightest darker shade that reaches it (palette index = shade − 1).
 */
const tagTextShade = { volcano: 8, orange: 8, gold: 9, yellow: 9, lime: 9, green: 8, cyan: 8, grey: 8 } as const;
const tagTextColours = Object.fromEntries(
  Object.entries(tagTextShade).map(([colour, shade]) => [`${colour}7`, presetPalettes[colour]![shade - 1]]),
);

/**
 * The platform's look: antd's default theme with an institutional blue, and every text colour at WCAG AA's
 * 4.5:1 on white and on antd's grey #f5f5f5 (antd's own greys, links, red and green fall short).
 */
export const appTheme: ThemeConfig = {
  token: {
    colorPrimary: primary,
    // antd derives links and 'processing' blue from its own #1677ff (4.1:1 on white): use the platform's blue.
    colorLink: primary,
    colorInfo: primary,
    colorError: '#cf1322',
    // Text in the success colour (a figure that went up): antd's green-7 is 3.6:1 on white, green-8 reaches 4.5:1.
    colorSuccessText: '#237804',
    colorWarningText: '#874d00',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.58)',
  },
  components: {
    Layout: { headerBg: headerBackground, headerPadding: '0 16px' },
    // Only a tag's text darkens: the status colours stay antd's for icons and alerts.
    Tag: { ...tagTextColours, colorSuccess: '#237804', colorWarning: '#874d00' },
    // An empty table says so in antd's disabled grey (1.8:1); it is information, not a disabled control.
    Table: { colorTextDisabled: 'rgba(0, 0, 0, 0.62)' },
  },
};

/** The header is dark blue; a dark theme inside it keeps its text and buttons legible. */
export const headerContentTheme: ThemeConfig = {
  algorithm: theme.darkAlgorithm,
};
