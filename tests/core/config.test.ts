import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_TIMEZONE, loadConfig } from '../../core/config.ts';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Load a config file holding `raw` from a fresh folder. */
function load(raw: unknown) {
  dir = mkdtempSync(path.join(tmpdir(), 'kpi-config-'));
  const file = path.join(dir, 'kpi.config.json');
  writeFileSync(file, JSON.stringify(raw));
  return loadConfig({ configPath: file, env: {}, cwd: dir });
}

describe('loadConfig', () => {
  it('takes the bureau’s zone when the config names none, and any IANA zone it names', () => {
    expect(load({}).timezone).toBe(DEFAULT_TIMEZONE);
    expect(load({ timezone: 'Asia/Urumqi' }).timezone).toBe('Asia/Urumqi');
  });

  it('refuses a time zone that does not exist, naming the setting', () => {
    expect(() => load({ timezone: 'Mars/Olympus' })).toThrow(ConfigError);
    expect(() => load({ timezone: 'Mars/Olympus' })).toThrow(/timezone：不是有效的时区/);
  });
});
