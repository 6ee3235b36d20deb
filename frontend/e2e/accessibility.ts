import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** WCAG 2.1 A and AA, as the issue asks; best-practice rules are advice, not failures. */
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface AccessibilityFault {
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

/** The serious and critical WCAG 2.1 AA faults axe finds on the page as it is now. */
export async function seriousFaults(page: Page): Promise<AccessibilityFault[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      rule: v.id,
      impact: v.impact ?? '',
      help: v.help,
      // The first check's message says why (for contrast: the two colours and their ratio).
      targets: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} — ${[...n.any, ...n.all][0]?.message ?? ''}`),
    }));
}
