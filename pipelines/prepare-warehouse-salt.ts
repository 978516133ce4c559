/**
 * Before a command that writes reads any export: the warehouse's salt is there, or made for a
 * warehouse that has counted nobody, or adopted once from where older versions kept it; else said.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Config } from '../core/config.ts';
import {
  readOrCreateSalt,
  saltFingerprint,
  UnusableSaltError,
} from '../sources/system-export/read-or-create-salt.ts';
import { hasPersonHashes } from '../warehouse/has-person-hashes.ts';
import { readSaltFingerprint, recordSaltFingerprint } from '../warehouse/salt-fingerprint.ts';
import type { RunLog } from './run-log.ts';

/**
 * What became of the salt: found, made now, copied from the working-directory default, gone,
 * another warehouse's, or a file that cannot be read or made.
 */
export type SaltState = 'present' | 'created' | 'adopted' | 'missing' | 'foreign' | 'unreadable';

/**
 * Make sure the warehouse on `connection` has its salt at `salt.salt_file`, and remember its
 * fingerprint. A warehouse that has person hashes and no salt of its own adopts the one at
 * `salt.legacy_salt_file` (the old default, `.kpi/salt` under the working directory) by copying it:
 * the original stays, since another warehouse may count with it too. Without either, or with a salt
 * that is not the one the warehouse counted with, nothing is created and persons are not counted.
 */
export async function prepareWarehouseSalt(
  connection: DuckDBConnection,
  salt: Pick<Config, 'salt_file' | 'legacy_salt_file'>,
  log: RunLog,
): Promise<SaltState> {
  const file = salt.salt_file;
  let state: SaltState = existsSync(file) ? 'present' : 'created';
  const legacy = salt.legacy_salt_file;
  if (state === 'created' && legacy && existsSync(legacy) && (await hasPersonHashes(connection))) {
    const content = readFileSync(legacy, 'utf8');
    // Adopted only if it can be this warehouse's: no fingerprint recorded yet, or the same one.
    const recorded = await readSaltFingerprint(connection);
    if (content.trim().length >= 32 && (recorded === null || recorded === saltFingerprint(content.trim()))) {
      mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      writeFileSync(file, content, { mode: 0o600, flag: 'wx' });
      state = 'adopted';
    }
  }
  let value: string;
  try {
    value = await readOrCreateSalt(connection, file);
  } catch (error) {
    // A salt that cannot be used, or a file that cannot be read or made (permissions, a read-only
    // folder): exports that count persons are refused, and everything else still loads.
    const unusable = error instanceof UnusableSaltError ? error : null;
    if (!unusable && (error as NodeJS.ErrnoException).syscall === undefined) throw error;
    log.emit({
      event: 'message',
      text:
        unusable?.kind === 'missing'
          ? `仓库已按公民身份号码计数过人员，但找不到它的盐值文件 ${file}：不新建盐值（否则同一人会被重复计数），按人计数的系统导出将被拒收，直到把原盐值文件放回该位置。`
          : unusable?.kind === 'foreign'
            ? `盐值文件 ${file} 不是本仓库计数人员时所用的盐值：不使用它（否则同一人会被重复计数），按人计数的系统导出将被拒收，直到换回原来的盐值文件。`
            : `盐值文件 ${file} 无法读取或建立（${(error as Error).message}）：按人计数的系统导出将被拒收，直到它可用。`,
    });
    return unusable?.kind ?? 'unreadable';
  }
  await recordSaltFingerprint(connection, saltFingerprint(value));
  if (state === 'adopted')
    log.emit({
      event: 'message',
      text: `本仓库此前按工作目录中的盐值文件 ${legacy} 计数人员，已将其复制为仓库自己的盐值文件 ${file}；此后在任何目录运行都使用这一份。原文件保留未动，确认没有其他仓库使用后可删除。`,
    });
  return state;
}
