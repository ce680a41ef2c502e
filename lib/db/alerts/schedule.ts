import 'server-only';
// Alert delivery on a clock (issue 27): daily digests fall due, failed mails and left-over webhook
// deliveries are retried. deliverAlerts() is also called after each applied import commits; this
// timer catches what that call could not send. Every replica may run it (deliveries are claimed).
import { Cron } from 'croner';
import { deliverAlerts, type DeliverOptions } from './deliver';

/** Every 10 minutes by default; `protect` skips a tick while the previous one still runs. */
export function startAlertScheduler(opts: { pattern?: string } & DeliverOptions = {}): { stop: () => void } {
  const { pattern = '*/10 * * * *', ...deliver } = opts;
  const job = new Cron(pattern, { protect: true }, async () => {
    try {
      await deliverAlerts(deliver);
    } catch (err) {
      console.error('[alerts] delivery run failed:', err instanceof Error ? err.message : err);
    }
  });
  return { stop: () => job.stop() };
}
