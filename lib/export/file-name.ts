// Descriptive download names (issue 26): what the file holds, its range and the data's as-of, e.g.
// sanctions-tracker_designations-per-quarter_by-authority_2022-01_2023-12_asof-2024-05-03.csv.
// Only [a-z0-9-] within a part and "_" between parts, so no file system or header misreads a name;
// parts come from parsed query values (enums, dates, slugs), each slugged again here all the same.
import { create as contentDisposition } from 'content-disposition';
import type { DashboardQuery } from '../validation/dashboard';

export const FILE_NAME_PREFIX = 'sanctions-tracker';
const MAX_PART = 60;
const MAX_NAME = 200;

/** One part of a name: lower-case letters, digits and single hyphens. */
export function fileNamePart(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_PART)
    .replace(/-+$/, '');
}

/** `sanctions-tracker_<part>_…_asof-YYYY-MM-DD.<ext>`; empty parts are dropped, the whole kept under 200 characters. */
export function reportFileName(parts: readonly string[], asOf: string | null, ext: string): string {
  const safe = parts.map(fileNamePart).filter(Boolean);
  const stamp = asOf && /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? [`asof-${asOf}`] : [];
  const extension = fileNamePart(ext) || 'txt';
  let name = [FILE_NAME_PREFIX, ...safe, ...stamp].join('_');
  const room = MAX_NAME - extension.length - 1;
  if (name.length > room) name = [[FILE_NAME_PREFIX, ...safe].join('_').slice(0, room - (stamp[0] ? stamp[0].length + 1 : 0)).replace(/[-_]+$/, ''), ...stamp].join('_');
  return `${name}.${extension}`;
}

/** `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266): both forms, for old and new clients. */
export function attachmentHeader(fileName: string): string {
  // NOTE: the package writes filename* only when the name is not plain ASCII; ours always is, so it
  // is added here as well — some download managers read only filename*.
  const header = contentDisposition(fileName, { type: 'attachment' });
  return header.includes('filename*=') ? header : `${header}; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

const MEASURE_NAME: Record<DashboardQuery['measure'], string> = { designations: 'designations', actions: 'sanctions-actions', entities: 'entities' };

/** The overview's file name: what is counted per what, the split, the filters that narrow it, the range. */
export function overviewNameParts(q: DashboardQuery): string[] {
  return [
    `${MEASURE_NAME[q.measure]}-per-${q.granularity}`,
    q.mode === 'new' ? '' : q.mode,
    `by-${q.split}`,
    q.authority.length ? q.authority.join('-') : '',
    ...q.case.map((c) => `case-${c}`),
    q.from,
    q.to ?? 'to-date',
  ];
}
