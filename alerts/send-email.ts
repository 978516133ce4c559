/**
 * Mail one alert through the configured SMTP server (nodemailer), plain text, UTF-8, with short
 * connection and socket timeouts so a dead server costs seconds, not the night.
 */
import nodemailer from 'nodemailer';
import type { Config } from '../core/config.ts';
import type { AlertMessage } from './alert-event.ts';

/** Send `message` by mail within `timeoutMs`; throws with the server's reason when it is refused. */
export async function sendEmail(
  email: NonNullable<Config['alerts']['email']>,
  message: AlertMessage,
  timeoutMs: number,
): Promise<void> {
  const transport = nodemailer.createTransport({
    host: email.host,
    port: email.port,
    secure: email.secure,
    auth: email.user ? { user: email.user, pass: email.pass ?? '' } : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  try {
    await transport.sendMail({
      from: email.from,
      to: email.to,
      subject: message.title,
      text: message.text,
    });
  } finally {
    transport.close();
  }
}
