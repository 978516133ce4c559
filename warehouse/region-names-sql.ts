/**
 * The names a file may use for a region, as a relation a source's staging joins: every region code
 * and every alias (old names, "青岛市…" prefixes) with the code it stands for. Kept here so a staging
 * query names no warehouse table itself.
 */

/** `(name, region_code)` for every code and alias of the warehouse's regions; a subquery. */
export const REGION_NAMES_SQL = `(SELECT region_code AS name, region_code FROM dim_region
  UNION SELECT alias, region_code FROM region_alias)`;
