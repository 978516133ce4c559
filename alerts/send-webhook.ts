/**
 * POST one alert to a group robot or a JSON endpoint: 企业微信 and 钉钉 take
 * `{"msgtype":"text","text":{"content":…}}` (钉钉 signed when it has a secret); `generic` gets
 * `{kind,title,text,sent_at}`. An answer other than 2xx, or a robot's non-zero `errcode`, is a failure.
 */
import type { Config } from '../core/config.ts';
import type { AlertMessage } from './alert-event.ts';
import { signDingtalkUrl } from './sign-dingtalk-url.ts';

type Webhook = Config['alerts']['webhooks'][number];

/** Send `message`; throws with the reason when the endpoint does not take it. */
export async function sendWebhook(
  hook: Webhook,
  message: AlertMessage,
  io: { fetch: typeof fetch; now: Date; signal: AbortSignal },
): Promise<void> {
  const content = `${message.title}\n${message.text}`;
  const body =
    hook.kind === 'generic'
      ? { kind: message.kind, title: message.title, text: message.text, sent_at: io.now.toISOString() }
      : { msgtype: 'text', text: { content } };
  const url =
    hook.kind === 'dingtalk' && hook.secret ? signDingtalkUrl(hook.url, hook.secret, io.now) : hook.url;
  const response = await io.fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body),
    signal: io.signal,
  });
  const answer = await response.text();
  if (!response.ok) throw new Error(`HTTP ${response.status} ${answer.slice(0, 200)}`);
  if (hook.kind === 'generic') return;
  // The robots answer 200 with {"errcode":0,"errmsg":"ok"}; a bad key or signature is a non-zero errcode.
  let errcode: unknown = 0;
  let errmsg: unknown = '';
  try {
    ({ errcode, errmsg } = JSON.parse(answer) as { errcode?: unknown; errmsg?: unknown });
  } catch {
    throw new Error(`not a robot's answer: ${answer.slice(0, 200)}`);
  }
  if (errcode !== 0 && errcode !== undefined)
    throw new Error(`errcode ${String(errcode)}: ${String(errmsg)}`);
}
