/**
 * Before a command that writes reads any export: the warehouse's salt is there, or made for a
 * warehouse that has counted nobody, or adopted once from where older versions kept it; else said.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Config } from '../core/config.ts';
import { readOrCreateSalt, SaltMissingError } from '../sources/system-export/read-or-create-salt.ts';
import { hasPersonHashes } from '../warehouse/has-person-hashes.ts';
import type { RunLog } from './run-log.ts';

/** What became of the salt: found, made now, copied from the working-directory default, or missing. */
export type SaltState = 'present' | 'created' | 'adopted' | 'missing';

/**
 * Make sure the warehouse on `connection` has its salt at `salt.salt_file`. A warehouse that has
 * person hashes and no salt of its own adopts the one at `salt.legacy_salt_file` (the old default,
 * `.kpi/salt` under the working directory) by copying it: the original stays, since another
 * warehouse may count with it too. Without either, nothing is created and persons are not counted.
 */
export async function prepareWarehouseSalt(
  connection: DuckDBConnection,
  salt: Pick<Config, 'salt_file' | 'legacy_salt_file'>,
  log: RunLog,
): Promise<SaltState> {
  const file = salt.salt_file;
  if (existsSync(file)) return 'present';
  const legacy = salt.legacy_salt_file;
  if (legacy && existsSync(legacy) && (await hasPersonHashes(connection))) {
    const content = readFileSync(legacy, 'utf8');
    if (content.trim().length >= 32) {
      mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      writeFileSync(file, content, { mode: 0o600, flag: 'wx' });
      log.emit({
        event: 'message',
        text: `本仓库此前按工作目录中的盐值文件 ${legacy} 计数人员，已将其复制为仓库自己的盐值文件 ${file}；此后在任何目录运行都使用这一份。原文件保留未动，确认没有其他仓库使用后可删除。`,
      });
      return 'adopted';
    }
  }
  try {
    await readOrCreateSalt(connection, file);
    return 'created';
  } catch (error) {
    if (!(error instanceof SaltMissingError)) throw error;
    log.emit({
      event: 'message',
      text: `仓库已按公民身份号码计数过人员，但找不到它的盐值文件 ${file}：不新建盐值（否则同一人会被重复计数），按人计数的系统导出将被拒收，直到把原盐值文件放回该位置。`,
    });
    return 'missing';
  }
}
