/** What an extension may dial, from least to most: each class includes the ones before it. */
export const CLASSES_OF_SERVICE = ['INTERNAL', 'LOCAL', 'NATIONAL', 'INTERNATIONAL', 'PREMIUM'] as const;
export type ClassOfService = (typeof CLASSES_OF_SERVICE)[number];

export function permits(held: ClassOfService, required: ClassOfService): boolean {
  return CLASSES_OF_SERVICE.indexOf(held) >= CLASSES_OF_SERVICE.indexOf(required);
}
