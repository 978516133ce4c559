/**
 * `kpi alerts test`: one test message to every configured channel, and which answered.
 */
import { alertChannels } from '../alerts/alert-channel.ts';
import { deliverAlert, type ChannelResult } from '../alerts/deliver-alert.ts';
import { formatAlert } from '../alerts/format-alert.ts';
import type { Config } from '../core/config.ts';

/** Send the test message; one result per channel (none when no channel is configured). */
export async function sendTestAlert(options: {
  config: Config;
  now: () => Date;
  fetch?: typeof fetch;
}): Promise<ChannelResult[]> {
  const message = formatAlert({ kind: 'test', at: options.now().toISOString() });
  return deliverAlert(message, alertChannels(options.config.alerts), {
    fetch: options.fetch ?? fetch,
    now: options.now,
    budgetMs: options.config.alerts.timeout_s * 1000,
  });
}
