/**
 * The channels of a configuration, each with a label a person can read in the log. A label names
 * the kind and the host (or the mailbox), never the URL's token or a secret.
 */
import type { Config } from '../core/config.ts';

export type AlertChannel =
  | { readonly type: 'webhook'; readonly label: string; readonly hook: Config['alerts']['webhooks'][number] }
  | {
      readonly type: 'email';
      readonly label: string;
      readonly email: NonNullable<Config['alerts']['email']>;
    };

const KIND_NAMES = { wecom: '企业微信', dingtalk: '钉钉', generic: 'webhook' } as const;

/** Every channel configured under `alerts`, in config order (webhooks, then mail). */
export function alertChannels(alerts: Config['alerts']): AlertChannel[] {
  const hooks = alerts.webhooks.map((hook, index): AlertChannel => ({
    type: 'webhook',
    label: `${KIND_NAMES[hook.kind]} ${new URL(hook.url).host}${alerts.webhooks.length > 1 ? ` #${index + 1}` : ''}`,
    hook,
  }));
  const mail = alerts.email
    ? [
        {
          type: 'email',
          label: `邮件 ${[alerts.email.to].flat().join(',')}`,
          email: alerts.email,
        } satisfies AlertChannel,
      ]
    : [];
  return [...hooks, ...mail];
}
