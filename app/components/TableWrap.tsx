import type { ReactNode } from "react";

/**
 * The scroll container of a wide table. A region that scrolls must be reachable by keyboard (WCAG 2.1.1, axe
 * `scrollable-region-focusable`): it takes focus (tabIndex 0) so arrow keys scroll it, and as a named region a
 * screen reader says what it is when focus lands there. The name is the table's caption.
 */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
