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

/** Waits until the page has drawn its data: no spinner, no skeleton, fonts in. */
export async function settled(page: Page): Promise<void> {
  // Not 'networkidle': the live event stream keeps a request open on signed-in pages.
  await page.waitForLoadState('load');
  await page
    .locator('.ant-spin-spinning, .ant-skeleton-active')
    .first()
    .waitFor({ state: 'detached' })
    .catch(() => {});
  await page.evaluate(() => document.fonts.ready);
}

/** Fails, listing them, when axe finds serious or critical WCAG 2.1 AA faults on the page once it has settled. */
export async function expectNoSeriousFaults(page: Page, where: string): Promise<void> {
  await settled(page);
  const faults = await seriousFaults(page);
  if (faults.length > 0) {
    throw new Error(`axe (WCAG 2.1 AA) finds serious faults on ${where}:\n${JSON.stringify(faults, null, 2)}`);
  }
}
