// Milestones close together cannot be studied one by one: the after-window of one is the
// before-window of the next. They are grouped, and each group studied as one event.
import { dayNumber, isoDay } from './days';
import type { Windows } from './types';

/**
 * Connected components of items whose spans [before.from, after.to) overlap (sharing at least one
 * day; spans that only touch are apart), singletons included. Groups are ordered by their earliest
 * span start; ids keep the input order within a group.
 */
export function overlapGroups(items: Array<{ id: string; windows: Windows }>): string[][] {
  const spans = items.map((item, i) => ({ i, from: dayNumber(item.windows.before.from), to: dayNumber(item.windows.after.to) }));
  spans.sort((a, b) => a.from - b.from || a.i - b.i);
  // NOTE: for intervals, one sweep in start order finds the components: a span joins the current
  // group exactly when it starts before the furthest end seen so far.
  const groups: number[][] = [];
  let current: number[] = [];
  let end = Number.NEGATIVE_INFINITY;
  for (const s of spans) {
    if (s.from >= end) {
      current = [];
      groups.push(current);
    }
    current.push(s.i);
    end = Math.max(end, s.to);
  }
  return groups.map((g) => g.sort((a, b) => a - b).map((i) => items[i]!.id));
}

/**
 * One event for an overlapping group. The before-window ends where the earliest milestone starts and
 * the after-window starts where the latest one does (for DAY windows, at its day; for MONTH, after
 * its month), each W days long, W being the first window's length. The days between the two anchors
 * belong to neither: they hold the effect of the earlier milestones, so they are neither a clean
 * "before" nor the whole "after". The group's question becomes "did pressure rise after this
 * cluster of milestones?", and the baseline is fitted on history that ends before the first of them.
 */
export function mergeWindows(ws: Windows[]): Windows {
  const first = ws[0];
  if (!first) throw new RangeError('No windows to merge');
  const w = dayNumber(first.before.to) - dayNumber(first.before.from);
  const earliest = Math.min(...ws.map((x) => dayNumber(x.before.to)));
  const latest = Math.max(...ws.map((x) => dayNumber(x.after.from)));
  return { before: { from: isoDay(earliest - w), to: isoDay(earliest) }, after: { from: isoDay(latest), to: isoDay(latest + w) } };
}
