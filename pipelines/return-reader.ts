/**
 * District returns read in a child process (`openChildReader`), a few files ahead: the child parses
 * the next workbooks while this process checks and loads the ones before. A workbook that exhausts
 * the child's memory, hangs or crashes it is staged unreadable with the reason, and the reads after
 * it go on in a new child.
 */
import path from 'node:path';
import type { Config } from '../core/config.ts';
import { NO_COUNTS } from '../core/file-counts.ts';
import { finding } from '../core/finding.ts';
import { siblingModule } from '../core/sibling-module.ts';
import {
  fromPlainStagedReturn,
  type PlainStagedReturn,
} from '../sources/district-return/read-district-return-plain.ts';
import { DISTRICT_RETURN_SOURCE } from '../sources/district-return/read-district-return.ts';
import type { StagedFile } from '../warehouse/staged-file.ts';
import { openChildReader } from './open-child-reader.ts';

/** Reads of district returns, started ahead of need. */
export interface ReturnReader {
  /** Start reading `filePath` (content `hash`), unless it was started. */
  readAhead(filePath: string, hash: string): void;
  /** `filePath` staged: the read started ahead, else one started now. */
  read(filePath: string, hash: string): Promise<StagedFile>;
  /** End the child. */
  close(): void;
}

/** The module the child runs to read a district return. */
const READ_DISTRICT_RETURN_PLAIN = siblingModule(
  '../sources/district-return/read-district-return-plain.ts',
  import.meta.url,
);

/** Reads started ahead and not yet taken, at most: each holds a staged workbook in memory. */
const MAX_AHEAD = 16;

/** A reader within the config's `limits.read_memory_mb` and `read_timeout_s`, at the time `now()`. */
export function openReturnReader(
  config: Pick<Config, 'limits' | 'catalogue_dir' | 'target_files' | 'db'>,
  now: () => Date,
): ReturnReader {
  const child = openChildReader({
    memoryMb: config.limits.read_memory_mb,
    timeoutMs: config.limits.read_timeout_s * 1000,
  });
  const ahead = new Map<string, Promise<StagedFile>>();
  const start = async (filePath: string, hash: string): Promise<StagedFile> => {
    const read = await child.read<PlainStagedReturn>({
      module: READ_DISTRICT_RETURN_PLAIN,
      exportName: 'readDistrictReturnPlain',
      args: [
        filePath,
        hash,
        {
          catalogue: { dir: config.catalogue_dir, extraTargetFiles: config.target_files },
          now: now(),
          limits: config.limits,
          db: config.db,
        },
      ],
    });
    if (read.ok) return fromPlainStagedReturn(read.value);
    const reason = {
      out_of_memory: `读取时超出内存上限（${config.limits.read_memory_mb} MB），已隔离`,
      timeout: `读取超过${config.limits.read_timeout_s}秒未完成，已隔离`,
      crashed: '读取进程异常退出，已隔离',
      threw: '读取出错',
    }[read.reason];
    return {
      kind: 'unreadable',
      file: filePath,
      hash,
      sourceKind: 'return',
      sourceName: DISTRICT_RETURN_SOURCE,
      counts: NO_COUNTS,
      findings: [
        finding(
          'unreadable_file',
          'error',
          { reason: `${reason} (${read.reason}: ${read.message})` },
          { file: path.basename(filePath) },
        ),
      ],
    };
  };
  const key = (filePath: string, hash: string) => `${hash}\u0000${filePath}`;
  return {
    readAhead(filePath, hash) {
      const k = key(filePath, hash);
      if (ahead.has(k)) return;
      // A read never taken (the file turned out to be loaded before) makes room for the next one.
      if (ahead.size >= MAX_AHEAD) ahead.delete(ahead.keys().next().value!);
      ahead.set(k, start(filePath, hash));
    },
    read(filePath, hash) {
      const k = key(filePath, hash);
      const started = ahead.get(k);
      ahead.delete(k);
      return started ?? start(filePath, hash);
    },
    close: () => child.close(),
  };
}
