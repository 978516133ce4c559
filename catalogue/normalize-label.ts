/**
 * Label normalisation shared by the catalogue and the parsers: a label in a return and an alias in
 * the catalogue match when their normal forms are equal. Never fuzzy: "nearest" is only advice.
 */
import { extractUnit } from '../core/units.ts';

// 1.  1、 1)  (1)  （一）  一、  ①  第一
const NUMBERING =
  /^(?:[(（]?\s*[0-9一二三四五六七八九十百]+\s*[)）]|[0-9]{1,2}(?:\.[0-9]{1,2})*\s*[.、．)](?=\D)|[一二三四五六七八九十]+\s*[、.．]|第[一二三四五六七八九十]+[项条]?)\s*/u;

/**
 * The normal form of a label: NFKC (full-width to half-width), numbering prefixes, "其中：",
 * a trailing unit in brackets, quotes and all whitespace removed.
 */
export function normalizeLabel(label: string): string {
  // Circled numbers become plain digits under NFKC, so strip them first.
  let text = label
    .replace(/^[\s\u3000]*[①-⑳]/u, '')
    .normalize('NFKC')
    .replace(/[\s\u00a0\u3000]+/g, '');
  for (let i = 0; i < 3; i++) {
    const next = text.replace(NUMBERING, '').replace(/^其中[:：]?/, '');
    if (next === text) break;
    text = next;
  }
  text = extractUnit(text).rest;
  return text.replace(/["“”'‘’「」]/g, '').replace(/[:：]$/, '');
}

/** Character-bigram similarity (Dice coefficient) between two normalised labels, 0–1. */
export function labelSimilarity(a: string, b: string): number {
  const grams = (s: string): string[] => {
    const chars = [...s];
    if (chars.length < 2) return chars;
    return chars.slice(1).map((c, i) => chars[i] + c);
  };
  const ga = grams(a);
  const gb = grams(b);
  if (ga.length === 0 || gb.length === 0) return 0;
  const pool = new Map<string, number>();
  for (const g of gb) pool.set(g, (pool.get(g) ?? 0) + 1);
  let shared = 0;
  for (const g of ga) {
    const left = pool.get(g) ?? 0;
    if (left > 0) {
      shared++;
      pool.set(g, left - 1);
    }
  }
  return (2 * shared) / (ga.length + gb.length);
}
