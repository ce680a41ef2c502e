// Official list sources (issue 27): what an admin may change — enabled, schedule, and the files'
// addresses (e.g. a local mirror on a closed network). The official addresses are data of the
// registry (lib/sources/registry.ts), not editable here.
import { z } from 'zod';
import { Cron } from 'croner';
import { MAX_URL, checkbox, lines, recordId, versionField } from './fields';

/** A cron expression croner accepts (5 or 6 fields, UTC), e.g. every six hours at minute 17. */
const schedule = z
  .string({ error: 'Must be text.' })
  .trim()
  .min(1, 'Required: a cron expression such as “17 */6 * * *” (every six hours, at minute 17, UTC).')
  .max(120, 'At most 120 characters.')
  .superRefine((v, ctx) => {
    try {
      // paused: parsing only; nothing is scheduled.
      new Cron(v, { paused: true, timezone: 'UTC' }).stop();
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: `Not a cron expression croner understands: ${err instanceof Error ? err.message : String(err)}` });
    }
  });

const urls = lines(MAX_URL).superRefine((list, ctx) => {
  if (!list.length) ctx.addIssue({ code: 'custom', message: 'Required: at least one address, one per line.' });
  if (list.length > 10) ctx.addIssue({ code: 'custom', message: 'At most 10 files per source.' });
  list.forEach((u, i) => {
    let ok = false;
    try {
      const url = new URL(u);
      ok = ['http:', 'https:'].includes(url.protocol) && !url.username && !url.password;
    } catch {
      ok = false;
    }
    if (!ok) ctx.addIssue({ code: 'custom', message: `Line ${i + 1}: use a full web address starting with http:// or https://, without a user name or password.` });
  });
});

export const updateSourceSchema = z.object({
  id: recordId(),
  version: versionField,
  enabled: checkbox(),
  schedule,
  urls,
});
export type UpdateSourceInput = z.output<typeof updateSourceSchema>;

export const checkSourceSchema = z.object({ id: recordId(), dryRun: checkbox() });
