/**
 * The sample year's business-system exports, consistent with the sample truth the district returns
 * were made from: registration records whose distinct new persons per district and month are the
 * truth's month values (with repeat registrations and a few bad ID numbers that must not count),
 * insured-person levels, year-to-date arbitration case lists, and 12333 daily call counts. One
 * deliberate gap — 莱西市's October registrations are 4% short in the system — shows reconciliation.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import type { Catalogue } from '../catalogue/catalogue.ts';
import { idCheckCharacter } from '../sources/system-export/id-number-sql.ts';
import { withWarehouse } from '../warehouse/open-warehouse.ts';
import { quoteLiteral } from '../warehouse/sql.ts';
import { buildSampleTruth, type SampleTruth } from './sample-truth.ts';
import { seededRandom, type Random } from './seeded-random.ts';

export interface SampleExport {
  readonly file: string;
  /** The month whose run picks the file up (1–12; 0 for the previous December's levels). */
  readonly month: number;
}

const REGISTRATION_TYPES = [
  { type: '城镇新增就业', indicator: 'urban_new_jobs' },
  { type: '失业人员再就业', indicator: 'unemployed_reemployed' },
  { type: '就业困难人员就业', indicator: 'hard_to_employ_helped' },
] as const;

const INSURANCE = [
  {
    kind: '企业职工基本养老保险',
    insured: 'enterprise_pension_insured',
    contributors: 'enterprise_pension_contributors',
  },
  { kind: '机关事业单位养老保险', insured: 'public_sector_pension_insured', contributors: null },
  { kind: '城乡居民养老保险', insured: 'resident_pension_insured', contributors: null },
  { kind: '失业保险', insured: 'unemployment_insured', contributors: null },
  { kind: '工伤保险', insured: 'injury_insured', contributors: null },
] as const;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Write every export of the sample year into `outDir`; returns them with the month they belong to. */
export async function writeSampleExports(outDir: string, catalogue: Catalogue): Promise<SampleExport[]> {
  const truth = buildSampleTruth(catalogue);
  mkdirSync(outDir, { recursive: true });
  return [
    ...writeRegistrations(outDir, truth),
    ...(await writeInsurance(outDir, truth)),
    ...writeArbitration(outDir, truth),
    ...writeHotline(outDir, truth),
  ];
}

/** A valid 公民身份号码 for person number `n` of a district. */
function personId(regionCode: string, n: number): string {
  const birth = new Date(Date.UTC(1968, 0, 1) + (n % 12000) * 86_400_000);
  const first17 = `${regionCode}${birth.getUTCFullYear()}${pad(birth.getUTCMonth() + 1)}${pad(birth.getUTCDate())}${pad(Math.floor(n / 12000) % 1000, 3)}`;
  return first17 + idCheckCharacter(first17);
}

function writeRegistrations(outDir: string, truth: SampleTruth): SampleExport[] {
  const random = seededRandom('sample-exports/registrations');
  const header = '序号,姓名,公民身份号码,性别,登记日期,就业登记类型,经办机构,行政区划代码';
  const surnames = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
  const given = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰';
  const nextPerson = new Map<string, number>();
  const registered = new Map<string, string[]>();
  const files: SampleExport[] = [];
  for (let month = 1; month <= 12; month++) {
    const rows: string[] = [];
    const days = new Date(Date.UTC(truth.year, month, 0)).getUTCDate();
    for (const district of truth.districts) {
      for (const { type, indicator } of REGISTRATION_TYPES) {
        let count = Number(truth.get(indicator, district.code, month).month ?? 0);
        if (month === 10 && district.code === '370285' && indicator === 'urban_new_jobs')
          count = Math.round(count * 0.96);
        const key = `${district.code}|${type}`;
        const seen = registered.get(key) ?? [];
        const add = (id: string) =>
          rows.push(
            [
              0,
              surnames[Math.floor(random() * surnames.length)]! + given[Math.floor(random() * given.length)]!,
              id,
              random() < 0.52 ? '男' : '女',
              dateText(truth.year, month, 1 + Math.floor(random() * days), random),
              type,
              `${district.nameZh}人力资源和社会保障局`,
              random() < 0.9 ? district.code : district.nameZh,
            ].join(','),
          );
        for (let i = 0; i < count; i++) {
          const n = (nextPerson.get(district.code) ?? 0) + 1;
          nextPerson.set(district.code, n);
          const id = personId(district.code, n);
          seen.push(id);
          add(id);
        }
        // People registering again later in the year: already counted, they must not count again.
        for (let i = 0; i < Math.floor(count * 0.03) && seen.length > count; i++)
          add(seen[Math.floor(random() * (seen.length - count))]!);
        registered.set(key, seen);
      }
      // A mistyped ID number now and then: excluded and reported with its row.
      if (random() < 0.3)
        rows.push(
          `0,错号,${district.code}19900101123,男,${truth.year}-${pad(month)}-15,城镇新增就业,${district.nameZh}人社局,${district.code}`,
        );
    }
    const shuffled = shuffle(rows, random).map((row, i) => row.replace(/^0,/, `${i + 1},`));
    const file = path.join(outDir, `就业登记明细${truth.year}${pad(month)}.csv`);
    writeFileSync(file, iconv.encode([header, ...shuffled].join('\r\n') + '\r\n', 'gbk'));
    files.push({ file, month });
  }
  return files;
}

async function writeInsurance(outDir: string, truth: SampleTruth): Promise<SampleExport[]> {
  const random = seededRandom('sample-exports/insurance');
  const base = new Map(
    truth.districts.map((d) => [
      d.code,
      { publicSector: 20000 + Math.floor(random() * 40000), resident: 50000 + Math.floor(random() * 300000) },
    ]),
  );
  const level = (code: string, region: string, month: number): number | null => {
    const value = month === 0 ? truth.previousDecember(code, region) : truth.get(code, region, month).level;
    if (value !== null) return Number(value);
    const b = base.get(region)!;
    if (code === 'public_sector_pension_insured') return b.publicSector + month * 40;
    if (code === 'resident_pension_insured') return b.resident - month * 150;
    return null;
  };
  const files: SampleExport[] = [];
  for (let month = 0; month <= 12; month++) {
    const [year, m] = month === 0 ? [truth.year - 1, 12] : [truth.year, month];
    const rows: string[][] = [];
    for (const district of truth.districts)
      for (const { kind, insured, contributors } of INSURANCE) {
        const people = level(insured, district.code, month);
        if (people === null) continue;
        const paying = contributors ? level(contributors, district.code, month) : Math.round(people * 0.93);
        rows.push([district.code, `${year}${pad(m)}`, kind, String(people), String(paying ?? '')]);
      }
    const header = ['行政区划代码', '统计年月', '险种', '参保人数', '缴费人数'];
    const stem = path.join(outDir, `参保人数月报${year}${pad(m)}`);
    writeFileSync(`${stem}.csv`, [header, ...rows].map((r) => r.join(',')).join('\n') + '\n');
    if (month === 6) {
      // From June the system exports Parquet.
      await withWarehouse(':memory:', {}, ({ connection }) =>
        connection.run(
          `COPY (SELECT * FROM read_csv(${quoteLiteral(`${stem}.csv`)}, all_varchar = true)) TO ${quoteLiteral(`${stem}.parquet`)} (FORMAT parquet)`,
        ),
      );
      rmSync(`${stem}.csv`);
      files.push({ file: `${stem}.parquet`, month });
    } else files.push({ file: `${stem}.csv`, month: Math.max(month, 1) });
  }
  return files;
}

function writeArbitration(outDir: string, truth: SampleTruth): SampleExport[] {
  const random = seededRandom('sample-exports/arbitration');
  interface Case {
    id: string;
    region: string;
    accepted: string;
    closed: string;
    how: string;
  }
  const cases: Case[] = [];
  const open = new Map<string, Case[]>();
  const files: SampleExport[] = [];
  for (let month = 1; month <= 12; month++) {
    const days = new Date(Date.UTC(truth.year, month, 0)).getUTCDate();
    for (const district of truth.districts) {
      const accepted = Number(truth.get('dispute_cases_accepted', district.code, month).month ?? 0);
      const closed = Number(truth.get('dispute_cases_closed', district.code, month).month ?? 0);
      const mediated = Number(truth.get('dispute_cases_mediated', district.code, month).month ?? 0);
      const waiting = open.get(district.code) ?? [];
      for (let i = 0; i < accepted; i++) {
        const c: Case = {
          id: `QD${district.code}${truth.year}${pad(cases.length + 1, 6)}`,
          region: district.code,
          accepted: dateText(truth.year, month, 1 + Math.floor(random() * days), random, true),
          closed: '',
          how: '',
        };
        cases.push(c);
        waiting.push(c);
      }
      // Close the oldest open cases; the first `mediated` of them by mediation.
      waiting.sort((a, b) => a.accepted.localeCompare(b.accepted));
      for (let i = 0; i < closed && waiting.length > 0; i++) {
        const c = waiting.shift()!;
        const earliest = Math.max(
          1,
          c.accepted.startsWith(`${truth.year}-${pad(month)}`) ? Number(c.accepted.slice(8, 10)) : 1,
        );
        c.closed = dateText(
          truth.year,
          month,
          earliest + Math.floor(random() * (days - earliest + 1)),
          random,
          true,
        );
        c.how = i < mediated ? '调解' : (['裁决', '撤诉', '其他'] as const)[Math.floor(random() * 3)]!;
      }
      open.set(district.code, waiting);
    }
    // The system exports every case of the year so far, with its state at month end.
    const lines = [
      '案件编号,受理日期,结案日期,结案方式,行政区划代码',
      ...cases.map((c) => [c.id, c.accepted, c.closed, c.how, c.region].join(',')),
    ];
    const file = path.join(outDir, `仲裁案件${truth.year}${pad(month)}.csv`);
    writeFileSync(file, iconv.encode(lines.join('\r\n') + '\r\n', 'gbk'));
    files.push({ file, month });
  }
  return files;
}

function writeHotline(outDir: string, truth: SampleTruth): SampleExport[] {
  const random = seededRandom('sample-exports/12333');
  const files: SampleExport[] = [];
  for (let month = 1; month <= 12; month++) {
    const days = new Date(Date.UTC(truth.year, month, 0)).getUTCDate();
    const lines: string[] = [];
    for (let day = 1; day <= days; day++) {
      const weekday = new Date(Date.UTC(truth.year, month - 1, day)).getUTCDay();
      const calls = Math.round((weekday === 0 || weekday === 6 ? 2600 : 7800) * (0.85 + random() * 0.3));
      const answered = Math.round(calls * (0.93 + random() * 0.05));
      lines.push(
        JSON.stringify({
          日期: `${truth.year}-${pad(month)}-${pad(day)}`,
          呼入量: calls,
          人工接通量: answered,
        }),
      );
    }
    const file = path.join(outDir, `12333话务${truth.year}${pad(month)}.jsonl`);
    writeFileSync(file, lines.join('\n') + '\n');
    files.push({ file, month });
  }
  return files;
}

/** A date in the month, in one of the three formats the systems write. */
function dateText(year: number, month: number, day: number, random: Random, iso = false): string {
  const r = iso ? 0 : random();
  if (r < 0.7) return `${year}-${pad(month)}-${pad(day)}`;
  if (r < 0.85) return `${year}/${pad(month)}/${pad(day)}`;
  return `${year}${pad(month)}${pad(day)}`;
}

function shuffle<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
