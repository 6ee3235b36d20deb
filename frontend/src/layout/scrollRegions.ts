/**
 * antd's tables scroll sideways inside a div that takes no focus, so a keyboard user could not scroll them
 * (WCAG 2.1.1; axe's scrollable-region-focusable). antd offers no prop for it: every such div the app draws is
 * made focusable as it appears.
 */
const SCROLLING_TABLE_PARTS = '.ant-table-content:not([tabindex]), .ant-table-body:not([tabindex])';

export function keepScrollRegionsFocusable(root: HTMLElement): void {
  const markAll = () => {
    for (const region of root.querySelectorAll<HTMLElement>(SCROLLING_TABLE_PARTS)) region.tabIndex = 0;
  };
  markAll();
  new MutationObserver(markAll).observe(root, { childList: true, subtree: true });
}
