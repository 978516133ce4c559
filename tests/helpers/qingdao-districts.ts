/**
 * The ten Qingdao district codes of the bundled catalogue, in code order, for tests that build a
 * full set of district figures or returns.
 */
export const QINGDAO_DISTRICTS = [
  '370202',
  '370203',
  '370211',
  '370212',
  '370213',
  '370214',
  '370215',
  '370281',
  '370283',
  '370285',
] as const;
