/** Sends one alert to every configured channel; each channel's outcome is reported, none thrown. */
import { sendAlertEmail } from '@/lib/alerts/email';
import type { AlertMessage } from '@/lib/alerts/message';
import type { AlertChannels } from '@/lib/alerts/settings';
import { postWebhook } from '@/lib/alerts/webhook';

export interface ChannelResult {
  channel: 'webhook' | 'email';
  ok: boolean;
  /** What went wrong, without secrets. */
  error?: string;
}

export async function dispatchAlert(channels: AlertChannels, message: AlertMessage, allowHttpHosts: readonly string[]): Promise<ChannelResult[]> {
  const sends: [ChannelResult['channel'], () => Promise<void>][] = [];
  const { webhookUrl, email } = channels;
  if (webhookUrl) sends.push(['webhook', () => postWebhook(webhookUrl, message.payload, allowHttpHosts)]);
  if (email) sends.push(['email', () => sendAlertEmail(email, message)]);
  return Promise.all(
    sends.map(([channel, send]) =>
      send().then(
        (): ChannelResult => ({ channel, ok: true }),
        (err: Error): ChannelResult => ({ channel, ok: false, error: err.message }),
      ),
    ),
  );
}
