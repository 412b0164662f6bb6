/**
 * After every health check, alerts for the syncs whose health changed (decide-alert.ts), sent to
 * their project's channels. A sync whose alert reached no channel is tried again a minute later,
 * so a broken webhook is not called at every check; one channel that took it is enough.
 */
import type { Logger } from 'pino';
import { decideAlert, type AlertRules } from '@/lib/alerts/decide-alert';
import { dispatchAlert } from '@/lib/alerts/dispatch';
import { loadLastAlerts, markAnnounced } from '@/lib/alerts/marks';
import { dashboardUrlOf, healthAlertMessage } from '@/lib/alerts/message';
import { loadAlertChannels, type AlertChannels } from '@/lib/alerts/settings';
import type { JudgedSync } from '@/lib/health-states/evaluator';

const RETRY_AFTER_MS = 60_000;

export interface AnnouncerOptions extends AlertRules {
  allowHttpHosts: readonly string[];
  publicUrl: string | undefined;
  log: Pick<Logger, 'info' | 'warn'>;
}

export function createHealthAnnouncer(opts: AnnouncerOptions): (judged: JudgedSync[]) => Promise<void> {
  const retryAt = new Map<string, number>();
  return async (judged) => {
    const now = new Date();
    const last = await loadLastAlerts(judged.map((j) => j.sync.id));
    const channels = new Map<string, Promise<AlertChannels>>();
    for (const { sync, health } of judged) {
      const decision = decideAlert(health, last.get(sync.id)?.get(health.state), now, opts);
      if (decision === 'baseline') await markAnnounced(sync.id, health.state, now, false);
      if (decision !== 'send' || (retryAt.get(sync.id) ?? 0) > now.getTime()) continue;
      if (!channels.has(sync.projectId)) channels.set(sync.projectId, loadChannels(sync.projectId, opts.log));
      const to = await channels.get(sync.projectId)!;
      if (!to.webhookUrl && !to.email) continue;
      const message = healthAlertMessage({ ...health, sync: { id: sync.id, name: sync.name }, previousState: health.alertedState, dashboardUrl: dashboardUrlOf(opts.publicUrl, sync.id) });
      const results = await dispatchAlert(to, message, opts.allowHttpHosts);
      for (const r of results.filter((r) => !r.ok)) opts.log.warn({ syncId: sync.id, channel: r.channel, err: r.error }, 'alert not delivered');
      if (results.some((r) => r.ok)) {
        await markAnnounced(sync.id, health.state, now, true);
        retryAt.delete(sync.id);
        opts.log.info({ syncId: sync.id, state: health.state, channels: results.filter((r) => r.ok).map((r) => r.channel) }, 'health alert sent');
      } else {
        retryAt.set(sync.id, now.getTime() + RETRY_AFTER_MS);
      }
    }
  };
}

/** A project whose settings cannot be read (a secret sealed with a key no longer configured) is logged, and its alerts wait. */
function loadChannels(projectId: string, log: AnnouncerOptions['log']): Promise<AlertChannels> {
  return loadAlertChannels(projectId).catch((err: Error) => {
    log.warn({ projectId, err: err.message }, 'alert settings could not be read; no alert sent');
    return { webhookUrl: null, email: null };
  });
}
