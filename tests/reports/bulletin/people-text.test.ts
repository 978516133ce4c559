import { describe, expect, it } from 'vitest';
import { parsePeopleText } from '../../../reports/bulletin/people-text.ts';

describe('parsePeopleText (the statistician’s 主要工作情况 and 下步工作打算)', () => {
  it('reads paragraphs under the two headings, with or without their numerals', () => {
    const text =
      '\uFEFF## 二、主要工作情况\r\n\r\n（一）实施品质就业工程。\n一是真金白银稳岗位。\n\n（二）社保水平持续提高。\n\n## 下步工作打算\n\n一是全力以赴保就业。\n';
    expect(parsePeopleText(text)).toEqual({
      work: ['（一）实施品质就业工程。一是真金白银稳岗位。', '（二）社保水平持续提高。'],
      plans: ['一是全力以赴保就业。'],
      problems: [],
    });
  });
  it('leaves out a part that is not in the file and reports an unknown heading', () => {
    expect(parsePeopleText('## 下步打算\n\n一是。\n## 主要工作情况\n\n开展工作。')).toEqual({
      work: ['开展工作。'],
      plans: null,
      problems: ['未识别的标题“下步打算”（应为“主要工作情况”或“下步工作打算”）'],
    });
  });
});
