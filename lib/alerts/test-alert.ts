/** "Send test alert": the form's channels (blank secrets: the stored ones) get a test message. */
import { dispatchAlert, type ChannelResult } from '@/lib/alerts/dispatch';
import { testAlertMessage } from '@/lib/alerts/message';
import { channelsOfForm } from '@/lib/alerts/settings';
import type { AlertSettingsInput } from '@/lib/alerts/settings-schema';
import { env } from '@/lib/env';
import { invalidInput } from '@/lib/http/app-error';

export async function sendTestAlert(projectId: string, input: AlertSettingsInput): Promise<{ results: ChannelResult[] }> {
  const channels = await channelsOfForm(projectId, input);
  if (!channels.webhookUrl && !channels.email) throw invalidInput('Enter a webhook URL or turn on email alerts first', 'webhookUrl');
  return { results: await dispatchAlert(channels, testAlertMessage(new Date()), env().ALERT_WEBHOOK_ALLOW_HTTP) };
}
