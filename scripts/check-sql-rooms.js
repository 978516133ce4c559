#!/usr/bin/env node
/**
 * `npm run check:sql`: queries of the warehouse's tables and views live in warehouse/ (README
 * "Layout"). Fails, naming file and line, on SQL in a room that must hold none, or on a staging
 * room's SQL that names a warehouse table or view. `node scripts/check-sql-rooms.js [root]`.
 *
 * - cli/, pipelines/, reports/, serve/, figures/ hold no SQL: no DuckDB call (`.run(`,
 *   `.runAndReadAll(`, `.prepare(`, `.stream(`…) and no string that opens with an SQL statement
 *   (this house writes SQL keywords in capitals, so prose does not match).
 * - sources/ and samples/ may stage a file with DuckDB's readers on a connection they are handed,
 *   but their SQL names no table or view of the warehouse (the names are read from warehouse/).
 * - transforms/ is left to its definition: a check is the query that selects its violations.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const NO_SQL = ['cli', 'pipelines', 'reports', 'serve', 'figures'];
const STAGING = ['sources', 'samples'];
/** Files of a staging room allowed to read a warehouse table, each with its reason. */
const ALLOWED = {};

const CALL =
  /\.(run|runAndRead|runAndReadAll|runAndReadUntil|prepare|stream|streamAndRead|streamAndReadAll|streamAndReadUntil)\(/g;
const STATEMENT =
  /^\s*(SELECT|WITH|INSERT|UPDATE|DELETE|COPY|CREATE|DROP|ALTER|ATTACH|DETACH|CHECKPOINT|PRAGMA|SET|EXPORT|IMPORT)\s/;

/** Every `.ts` file under `dir`, relative to `root`. */
function tsFiles(root, dir) {
  const full = path.join(root, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full, { recursive: true })
    .map((f) => path.join(dir, String(f)))
    .filter((f) => f.endsWith('.ts'));
}

/** The string and template literals of `source` (comments skipped), each with its line. */
function literals(source) {
  const found = [];
  let line = 1;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\n') line++;
    else if (c === '/' && source[i + 1] === '/') {
      while (i < source.length && source[i] !== '\n') i++;
      line++;
    } else if (c === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end < 0 ? source.length : end + 1;
      line += source.slice(i, stop).split('\n').length - 1;
      i = stop;
    } else if (c === "'" || c === '"' || c === '`') {
      const start = line;
      let text = '';
      for (i++; i < source.length && source[i] !== c; i++) {
        if (source[i] === '\\') text += source[i++];
        if (source[i] === '\n') line++;
        text += source[i];
      }
      found.push({ text, line: start });
    }
  }
  return found;
}

/** The table and view names the warehouse defines (migrations and views). */
function warehouseNames(root) {
  const names = new Set();
  for (const file of tsFiles(root, 'warehouse')) {
    const source = readFileSync(path.join(root, file), 'utf8');
    for (const m of source.matchAll(
      /CREATE (?:OR REPLACE )?(?:TABLE|VIEW|MACRO) (?:IF NOT EXISTS )?"?(\w+)/g,
    ))
      names.add(m[1]);
    for (const m of source.matchAll(/\bname: '(\w+)'/g)) names.add(m[1]);
  }
  return names;
}

/** Every violation under `root`, as `file:line: what`. */
export function sqlOutsideWarehouse(root) {
  const problems = [];
  for (const room of NO_SQL)
    for (const file of tsFiles(root, room)) {
      const source = readFileSync(path.join(root, file), 'utf8');
      for (const m of source.matchAll(CALL)) {
        const line = source.slice(0, m.index).split('\n').length;
        problems.push(`${file}:${line}: runs SQL (${m[0]}…); a read goes in warehouse/read-*.ts`);
      }
      for (const { text, line } of literals(source))
        if (STATEMENT.test(text))
          problems.push(
            `${file}:${line}: holds SQL (${text.trim().split(/\s+/)[0]} …); it goes in warehouse/`,
          );
    }
  const names = warehouseNames(root);
  const named = new RegExp(`\\b(FROM|JOIN|INTO|UPDATE|TABLE)\\s+"?(${[...names].join('|') || '$^'})\\b`);
  for (const room of STAGING)
    for (const file of tsFiles(root, room)) {
      if (ALLOWED[file.split(path.sep).join('/')]) continue;
      const source = readFileSync(path.join(root, file), 'utf8');
      for (const { text, line } of literals(source)) {
        const m = named.exec(text);
        if (m)
          problems.push(`${file}:${line}: reads the warehouse's ${m[2]}; a query of it goes in warehouse/`);
      }
    }
  return problems;
}

const root = path.resolve(process.argv[2] ?? '.');
const problems = sqlOutsideWarehouse(root);
for (const p of problems) console.log(p);
if (problems.length > 0) {
  console.log(`✘ ${problems.length} SQL outside warehouse/ (README "Layout")`);
  process.exit(1);
}
console.log('✔ no SQL outside warehouse/ beyond staging');
