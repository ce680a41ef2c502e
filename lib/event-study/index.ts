// The event study: did an authority's sanctions pressure rise beyond its own trend after a milestone?
export type * from './types';
export { addDays, dayNumber, isoDay, monthStart, nextMonthStart } from './days';
export { milestoneWindows } from './windows';
export { mergeWindows, overlapGroups } from './overlaps';
export { inside, prefixSums, type PrefixSums } from './series';
export { DEFAULT_FIT_WINDOWS, expectedCount, MIN_FIT_BLOCKS, type BaselineOptions } from './baseline';
export { eventStudy, MIN_PLACEBO_DAYS } from './study';
export { benjaminiHochberg } from './multiple';
export { verdict, type Unit, type VerdictLabel } from './verdict';
