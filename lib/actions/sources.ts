'use server';
// Official list sources (issue 27): an admin edits a source (enabled, schedule, addresses) and
// checks it now. Both need import:run, like an upload: a check may apply an edition.
import { authedAction } from './safe-action';
import { userActor } from '../db/audit';
import { updateSource as update } from '../db/sources/list-sources';
import { syncSource } from '../db/sources/sync';
import { deliverAlerts } from '../db/alerts/deliver';
import { checkSourceSchema, updateSourceSchema } from '../validation/sources';

// The page's controls refresh it themselves (router.refresh): no revalidatePath here.
export const updateSource = authedAction('import:run', updateSourceSchema, (input, { principal }) => update(principal, input));

/** "Check now": the same sync the scheduler runs (lease, conditional GET, checks, import), for this source. */
export const checkSourceNow = authedAction('import:run', checkSourceSchema, async (input, { principal }) => {
  const outcome = await syncSource(input.id, { trigger: 'manual', runner: principal.email, dryRun: input.dryRun, actor: userActor(principal) });
  // What the run changed reaches its watchers now, not at the scheduler's next pass.
  // A delivery fault is logged, not the check's outcome: the notifications stay pending, and the
  // scheduler's next pass (or the next check) delivers them.
  if (outcome.status === 'APPLIED') await deliverAlerts().catch((err: unknown) => console.error('[alerts] delivery after a manual check failed', err));
  return outcome;
});
