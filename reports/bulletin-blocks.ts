/**
 * The bulletin's reading order as a list of neutral blocks (title, masthead, headings, paragraphs,
 * tables, charts): Markdown, HTML and Word each map blocks to their markup, so every format has the
 * same sections in the same order and none decides content. Pure.
 */
import type { Bulletin, TextTable } from './bulletin/bulletin.ts';
import { ITEM_NUMERALS } from './bulletin/key-items.ts';
import type { BulletinChart } from './bulletin/bulletin-charts.ts';

export type BulletinBlock =
  | { readonly kind: 'title'; readonly text: string }
  | {
      readonly kind: 'masthead';
      readonly issueNumber: string;
      readonly issuer: string;
      readonly issueDate: string;
    }
  | { readonly kind: 'subtitle'; readonly text: string }
  /** level 1: 一、… sections; level 2: 附表 titles; level 3: a ranking's caption. */
  | { readonly kind: 'heading'; readonly level: 1 | 2 | 3; readonly text: string }
  /** `lead` is set in bold before `text` (一是城镇新增就业快于时序进度。). */
  | { readonly kind: 'paragraph'; readonly lead: string; readonly text: string }
  | { readonly kind: 'list'; readonly items: readonly string[] }
  | { readonly kind: 'table'; readonly table: TextTable }
  | { readonly kind: 'chart'; readonly chart: BulletinChart; readonly caption: string }
  | { readonly kind: 'note'; readonly text: string };

const SECTION = ['一', '二', '三', '四', '五'];

/** The blocks of `bulletin`, in reading order. */
export function bulletinBlocks(bulletin: Bulletin): BulletinBlock[] {
  const b: BulletinBlock[] = [];
  const { masthead: m } = bulletin;
  const chart = (key: string) => bulletin.charts.find((c) => c.key === key);
  let figureNo = 0;
  const pushChart = (c: BulletinChart | undefined) => {
    if (c) b.push({ kind: 'chart', chart: c, caption: `图${++figureNo} ${c.caption}` });
  };
  const table = (t: TextTable) => {
    b.push({ kind: 'table', table: t });
    if (t.note) b.push({ kind: 'note', text: t.note });
  };

  b.push(
    { kind: 'title', text: m.title },
    { kind: 'masthead', issueNumber: m.issueNumber, issuer: m.issuer, issueDate: m.issueDate },
    { kind: 'subtitle', text: m.periodLabel },
  );
  let section = 0;
  b.push({ kind: 'heading', level: 1, text: `${SECTION[section++]}、重要指标完成情况` });
  if (bulletin.keyItems.length === 0) b.push({ kind: 'paragraph', lead: '', text: '本期暂无入库数据。' });
  bulletin.keyItems.forEach((item, k) =>
    b.push({
      kind: 'paragraph',
      lead: `${ITEM_NUMERALS[k]}是${item.headline}。`,
      text: item.sentences.join(''),
    }),
  );
  pushChart(chart('city-completion'));
  for (const c of bulletin.charts) if (c.key.startsWith('ytd-')) pushChart(c);
  for (const [title, paragraphs] of [
    ['主要工作情况', bulletin.work],
    ['下步工作打算', bulletin.plans],
  ] as const) {
    if (!paragraphs) continue;
    b.push({ kind: 'heading', level: 1, text: `${SECTION[section++]}、${title}` });
    for (const p of paragraphs) b.push({ kind: 'paragraph', lead: '', text: p });
  }
  if (bulletin.auditPointer) b.push({ kind: 'note', text: bulletin.auditPointer });

  let appendix = 0;
  const annex = (title: string) => b.push({ kind: 'heading', level: 2, text: `附表${++appendix} ${title}` });
  annex('全市重要指标完成情况');
  table(bulletin.summary);
  annex('各区市完成情况');
  if (bulletin.rankingNote) b.push({ kind: 'paragraph', lead: '', text: bulletin.rankingNote });
  for (const r of bulletin.rankings) {
    b.push({ kind: 'heading', level: 3, text: r.caption });
    pushChart(chart(`ranking-${r.indicator.code}`));
    table(r);
  }
  annex('慢于时序进度和未达到目标的指标');
  b.push({ kind: 'paragraph', lead: '全市：', text: '' });
  b.push({ kind: 'list', items: bulletin.behind.city.length ? bulletin.behind.city : ['无'] });
  b.push({ kind: 'paragraph', lead: '各区市：', text: '' });
  b.push({ kind: 'list', items: bulletin.behind.districts.length ? bulletin.behind.districts : ['无'] });
  if (bulletin.noData.length)
    b.push({ kind: 'note', text: `本期暂无数据的目标指标：${bulletin.noData.join('、')}。` });
  annex('报表报送情况');
  b.push({ kind: 'paragraph', lead: '', text: bulletin.submission.summary });
  if (bulletin.submission.rollupNote) b.push({ kind: 'note', text: bulletin.submission.rollupNote });
  if (bulletin.submission.table.rows.length) table(bulletin.submission.table);
  annex('上期通报以来修订的数据');
  if (bulletin.revisions.rows.length) table(bulletin.revisions);
  else b.push({ kind: 'paragraph', lead: '', text: '上期通报以来无数据修订。' });
  b.push({ kind: 'note', text: bulletin.note });
  return b;
}
