/** "2026-12" ↔ the budget's month column (a Postgres date, read back at UTC midnight). */
export const monthDate = (month: string): Date => new Date(`${month}-01T00:00:00Z`);
export const monthLabel = (d: Date): string => d.toISOString().slice(0, 7);
