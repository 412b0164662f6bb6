/**
 * What an alert says. The webhook body is Slack-compatible (Slack reads `text` and ignores the
 * rest); the structured fields are there for any other receiver (PagerDuty relays, chat bots).
 * Email sends the same text with a subject.
 */
import type { HealthState } from '@/lib/health-states/health-state';

export interface AlertMessage {
  subject: string;
  text: string;
  payload: { text: string; event: 'sync_health_changed' | 'test' } & Record<string, unknown>;
}

export interface HealthAlert {
  sync: { id: string; name: string };
  state: HealthState;
  /** The state the previous alert announced (null: none yet). */
  previousState: HealthState | null;
  since: Date;
  reason: string;
  /** The sync's delivery dashboard, when the server knows its public address. */
  dashboardUrl: string | null;
}

const WORDS: Record<HealthState, { icon: string; headline: string }> = {
  healthy: { icon: '✅', headline: 'is healthy again' },
  degraded: { icon: '⚠️', headline: 'is degraded' },
  failing: { icon: '🔴', headline: 'is failing' },
  paused: { icon: '⏸️', headline: 'is paused' },
  dry_run: { icon: '🧪', headline: 'is in dry run' },
};

export function healthAlertMessage(alert: HealthAlert): AlertMessage {
  const { icon, headline } = WORDS[alert.state];
  const subject = `Braze sync "${alert.sync.name}" ${headline}`;
  const text = [`${icon} ${subject}: ${alert.reason}`, ...(alert.dashboardUrl ? [alert.dashboardUrl] : [])].join('\n');
  return {
    subject,
    text,
    payload: {
      text,
      event: 'sync_health_changed',
      sync: alert.sync,
      state: alert.state,
      previousState: alert.previousState,
      since: alert.since.toISOString(),
      reason: alert.reason,
      dashboardUrl: alert.dashboardUrl,
    },
  };
}

export function testAlertMessage(now: Date): AlertMessage {
  const subject = 'Test alert from Braze streaming';
  const text = `🔔 ${subject}: alerts about sync health will arrive here.`;
  return { subject, text, payload: { text, event: 'test', sentAt: now.toISOString() } };
}

/** The dashboard page of a sync under the server's public address, if configured. */
export function dashboardUrlOf(publicUrl: string | undefined, syncId: string): string | null {
  return publicUrl ? new URL(`/dashboard/syncs/${encodeURIComponent(syncId)}`, publicUrl).href : null;
}
