/**
 * 钉钉 robot signing: `timestamp` (ms) and `sign` = urlencode(Base64(HMAC-SHA256(secret,
 * timestamp + "\n" + secret))) added to the webhook URL as query parameters, as DingTalk documents.
 */
import { createHmac } from 'node:crypto';

/** The webhook URL with `timestamp` and `sign` for `secret` at `now`. */
export function signDingtalkUrl(url: string, secret: string, now: Date): string {
  const timestamp = String(now.getTime());
  const sign = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
  const signed = new URL(url);
  // URLSearchParams percent-encodes the Base64 (+, /, =) as DingTalk's urlencode does.
  signed.searchParams.set('timestamp', timestamp);
  signed.searchParams.set('sign', sign);
  return signed.toString();
}
