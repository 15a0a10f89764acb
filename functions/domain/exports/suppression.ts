/*
 * Small-cell suppression (shared/api.md v2): no published cell, and no difference of published cells,
 * reveals a count of 1–4. The table states its arithmetic as relations `whole = sum(parts)` (a total and its
 * groups, a municipality's row and the programme's, a count by the end of a month and the month before);
 * a part may be a hidden cell, one that is never published but whose value the arithmetic still reveals (the
 * new outcomes of a month, the citizens without a plan): it counts as suppressed only when it is itself a small
 * count, and it is never the cell chosen to hide more.
 *
 * Primary suppression hides every count of 1–4. Then, until nothing changes, every relation is made safe:
 * never exactly one hidden member (it would be the whole less the rest), and, while the whole is published, the
 * hidden parts never adding up to 1–4 (their sum is the whole less the published parts). A relation that needs
 * more hidden takes its smallest positive published part, or the whole when it has none (or first, where it says so).
 */

export interface Relation {
  whole: string;
  parts: string[];
  /** Hide the whole before another part (the programme's row before a municipality's). */
  wholeFirst?: boolean;
}

export const isSmall = (value: number) => value >= 1 && value <= 4;

/** The cells to leave empty so that no small count can be read or worked out (hidden cells among them when small). */
export function suppressedCells(values: ReadonlyMap<string, number>, hidden: ReadonlySet<string>, relations: readonly Relation[]): Set<string> {
  const value = (cell: string) => values.get(cell) ?? 0;
  const out = new Set<string>();
  for (const [cell, v] of values) if (isSmall(v)) out.add(cell);
  const byCell = new Map<string, Relation[]>();
  for (const relation of relations) for (const cell of [relation.whole, ...relation.parts]) byCell.set(cell, [...(byCell.get(cell) ?? []), relation]);

  const pending = new Set(relations);
  const hide = (cell: string) => {
    out.add(cell);
    for (const r of byCell.get(cell) ?? []) pending.add(r);
  };
  while (pending.size > 0) {
    const relation = pending.values().next().value!;
    pending.delete(relation);
    const hiddenParts = relation.parts.filter((p) => out.has(p));
    const wholeHidden = out.has(relation.whole);
    const hiddenCount = hiddenParts.length + (wholeHidden ? 1 : 0);
    const hiddenSum = hiddenParts.reduce((sum, p) => sum + value(p), 0);
    const unsafe = hiddenCount === 1 || (!wholeHidden && isSmall(hiddenSum));
    if (!unsafe) continue;
    const candidate = relation.parts
      .filter((p) => !out.has(p) && !hidden.has(p) && value(p) > 0)
      .sort((a, b) => value(a) - value(b) || a.localeCompare(b))[0];
    if (relation.wholeFirst && !wholeHidden) hide(relation.whole);
    else if (candidate !== undefined) hide(candidate);
    else if (!wholeHidden) hide(relation.whole);
    // Everything positive is hidden already: what stays published is zeros, which reveal nothing.
    else continue;
    pending.add(relation);
  }
  return out;
}
