/**
 * The registry of data checks run after every load and by `kpi check` (SPEC §7 warnings).
 * Adding a check is adding a file with a `CheckDefinition` and listing it here.
 */
import { aboveTwiceTarget } from './above-twice-target.ts';
import { behindSchedule } from './behind-schedule.ts';
import type { CheckDefinition } from './check-definition.ts';
import { districtsVsCity } from './districts-vs-city.ts';
import { lateReturn } from './late-return.ts';
import { missingReturn } from './missing-return.ts';
import { monthOverMonthJump } from './month-over-month-jump.ts';
import { returnVsExport } from './return-vs-export.ts';
import { sumOfParts } from './sum-of-parts.ts';
import { unitSlip } from './unit-slip.ts';

export const ALL_CHECKS: readonly CheckDefinition[] = [
  monthOverMonthJump,
  aboveTwiceTarget,
  districtsVsCity,
  behindSchedule,
  sumOfParts,
  lateReturn,
  missingReturn,
  returnVsExport,
  unitSlip,
];
