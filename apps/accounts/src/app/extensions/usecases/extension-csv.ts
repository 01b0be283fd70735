/** The CSV columns of an extension import and export, in order. */
export const EXTENSION_CSV_COLUMNS = [
  'number',
  'displayName',
  'sipUsername',
  'sipPassword',
  'externalCallerId',
  'classOfService',
  'enabled',
] as const;

export type ExtensionCsvColumn = (typeof EXTENSION_CSV_COLUMNS)[number];
