/**
 * The statistician's text for a month (二、主要工作情况, 三、下步工作打算), parsed from its file. The
 * format (README "Bulletin text"): a UTF-8 Markdown file `<bulletin_text>/YYYY-MM.md` with the headings
 * `## 主要工作情况` and `## 下步工作打算`, each followed by paragraphs separated by blank lines. Pure:
 * text in, paragraphs and problems out.
 */

/** Paragraphs of each part (null when the part is not in the file) and what could not be read. */
export interface PeopleText {
  readonly work: readonly string[] | null;
  readonly plans: readonly string[] | null;
  readonly problems: readonly string[];
}

const PARTS = { 主要工作情况: 'work', 下步工作打算: 'plans' } as const;

/** Parse a statistician's file; unknown headings are reported, never guessed. */
export function parsePeopleText(text: string): PeopleText {
  const found: { work: string[] | null; plans: string[] | null } = { work: null, plans: null };
  const problems: string[] = [];
  let current: 'work' | 'plans' | null = null;
  let paragraph: string[] = [];
  const flush = () => {
    if (current && paragraph.length) found[current]!.push(paragraph.join(''));
    paragraph = [];
  };
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const line = raw.trim();
    const heading = /^##\s*(?:[一二三四五六七八九十]+、)?(.+)$/.exec(line);
    if (heading) {
      flush();
      const part = PARTS[heading[1]!.trim() as keyof typeof PARTS];
      if (!part) problems.push(`未识别的标题“${heading[1]!.trim()}”（应为“主要工作情况”或“下步工作打算”）`);
      current = part ?? null;
      if (current) found[current] = found[current] ?? [];
      continue;
    }
    if (line === '') flush();
    else if (current) paragraph.push(line);
  }
  flush();
  return { ...found, problems };
}
