/**
 * Real alert endpoints on 127.0.0.1 for tests: an HTTP server that answers as 企业微信 and 钉钉
 * robots do (checking 钉钉's signature with its secret) or fails on purpose, and a real SMTP server
 * (smtp-server) that keeps every mail, decoded.
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export const DINGTALK_SECRET = 'SEC0123456789abcdef-test-secret';

export interface ReceivedPost {
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: any;
  /** For 钉钉: whether `timestamp` and `sign` matched `DINGTALK_SECRET`. */
  readonly signed?: boolean;
}

/**
 * Paths: `/wecom` and `/dingtalk` answer `{"errcode":0}` (钉钉 `310000` when the signature is
 * wrong), `/generic` 204, `/down` 500, `/hang` never answers, `/flaky` 500 twice then 200.
 */
export async function startWebhookReceiver() {
  const posts: ReceivedPost[] = [];
  let flaky = 0;
  const server: Server = createServer((request, response) => {
    let raw = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (raw += chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const query = url.searchParams;
      const body = raw ? JSON.parse(raw) : null;
      const json = (status: number, value: unknown) =>
        response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
      switch (url.pathname) {
        case '/wecom':
          posts.push({ path: url.pathname, query, body });
          return json(200, { errcode: 0, errmsg: 'ok' });
        case '/dingtalk': {
          const timestamp = query.get('timestamp') ?? '';
          const expected = createHmac('sha256', DINGTALK_SECRET)
            .update(`${timestamp}\n${DINGTALK_SECRET}`)
            .digest('base64');
          const fresh = Math.abs(Date.now() - Number(timestamp)) < 3_600_000;
          const signed = fresh && query.get('sign') === expected;
          posts.push({ path: url.pathname, query, body, signed });
          return json(
            200,
            signed ? { errcode: 0, errmsg: 'ok' } : { errcode: 310000, errmsg: 'sign not match' },
          );
        }
        case '/generic':
          posts.push({ path: url.pathname, query, body });
          return response.writeHead(204).end();
        case '/flaky':
          posts.push({ path: url.pathname, query, body });
          return ++flaky <= 2 ? json(500, { error: 'busy' }) : json(200, { errcode: 0 });
        case '/down':
          posts.push({ path: url.pathname, query, body });
          return json(500, { error: 'down' });
        case '/hang':
          posts.push({ path: url.pathname, query, body });
          return; // never answers
        default:
          return json(404, {});
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    posts,
    url: (p: string, query = '') => `${base}${p}${query}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface ReceivedMail {
  readonly from: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
}

/** A real SMTP server on 127.0.0.1 without TLS or authentication; mails are decoded (UTF-8). */
export async function startMailbox() {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          ...decodeMail(Buffer.concat(chunks).toString('utf8')),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Subject and text of a simple one-part mail as nodemailer writes it (encoded words, base64 or QP). */
function decodeMail(raw: string): { subject: string; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1] ?? '';
  const subject = header('Subject').replace(
    /=\?utf-8\?([BQ])\?([^?]*)\?=\s*/gi,
    (_, kind: string, text: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQuoted(text.replace(/_/g, ' ')),
  );
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  const text =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? decodeQuoted(body.replace(/=\r\n/g, ''))
        : body;
  return { subject, text: text.replace(/\r\n/g, '\n').trimEnd() };
}

function decodeQuoted(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(text[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}
