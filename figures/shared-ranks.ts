/**
 * Ranks of items already in order, where items printing the same figure share a rank and the next
 * item takes its place in the order (1, 2, 2, 4): the bulletin's rankings and the board's. Pure.
 */

/** `sharedRanks(['98.00%', '95.10%', '95.10%', '90.00%'])` → `[1, 2, 2, 4]`. */
export function sharedRanks(printed: readonly string[]): number[] {
  const ranks: number[] = [];
  printed.forEach((text, n) => ranks.push(n > 0 && text === printed[n - 1] ? ranks[n - 1]! : n + 1));
  return ranks;
}
