import { parseMoney, formatMoney } from '@branchline/rating';
import { localTimeToInstant } from '@branchline/reports';

/** How a carrier writes the start of a call. A time without a zone is read in the zone the request gives. */
export const START_FORMATS = ['iso', 'dmy', 'mdy', 'epoch'] as const;
export type StartFormat = (typeof START_FORMATS)[number];

const TIME = '(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,3})\\d*)?)?';
const ISO = new RegExp(`^(\\d{4})-(\\d{2})-(\\d{2})[T ]${TIME}\\s*(Z|[+-]\\d{2}:?\\d{2})?$`);
const DAY_FIRST = new RegExp(`^(\\d{1,2})[./-](\\d{1,2})[./-](\\d{4})[ T]${TIME}$`);
const MONTH_FIRST = new RegExp(`^(\\d{1,2})/(\\d{1,2})/(\\d{4})[ T]${TIME}$`);

/** The wall-clock fields as UTC ms, or null when they are no real date and time (31 April, 24:00). */
function wallClock(y: string, mo: string, d: string, h: string, mi: string, s = '0', ms = '0'): number | null {
  const f = [y, mo, d, h, mi, s].map(Number);
  const t = Date.UTC(f[0], f[1] - 1, f[2], f[3], f[4], f[5], Number(ms.padEnd(3, '0')));
  const back = new Date(t);
  const same = back.getUTCFullYear() === f[0] && back.getUTCMonth() === f[1] - 1 && back.getUTCDate() === f[2] && back.getUTCHours() === f[3];
  return same && f[4] < 60 && f[5] < 60 ? t : null;
}

function offsetMs(offset: string): number {
  if (offset === 'Z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(offset) as RegExpExecArray;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000;
}

/**
 * A call's start as epoch ms, or null when the text is not in the format.
 * iso: 2026-11-03T09:15:02, 2026-11-03 09:15 (with Z or an offset, taken as
 * given); dmy: 03.11.2026 09:15:02 (or / or -); mdy: 11/03/2026 09:15:02;
 * epoch: seconds since 1970 (UTC). Zone-less times are the zone's wall clock
 * (DST: see localTimeToInstant).
 */
export function parseStartTime(raw: string, format: StartFormat, timeZone: string): number | null {
  const text = raw.trim();
  if (format === 'epoch') return /^\d{9,11}(\.\d{1,3})?$/.test(text) ? Math.round(Number(text) * 1000) : null;
  let wall: number | null = null;
  let offset: string | undefined;
  if (format === 'iso') {
    const m = ISO.exec(text);
    if (m) [wall, offset] = [wallClock(m[1], m[2], m[3], m[4], m[5], m[6], m[7]), m[8]];
  } else {
    const m = (format === 'dmy' ? DAY_FIRST : MONTH_FIRST).exec(text);
    const [day, month] = format === 'dmy' ? [m?.[1], m?.[2]] : [m?.[2], m?.[1]];
    if (m && day && month) wall = wallClock(m[3], month, day, m[4], m[5], m[6], m[7]);
  }
  if (wall === null) return null;
  return offset ? wall - offsetMs(offset) : localTimeToInstant(wall, timeZone).getTime();
}

export type DecimalSeparator = '.' | ',';

/** "62", "62.4" (or "62,4"), "1:02", "01:01:02" → ms; null when it is none of those. */
export function parseDurationMs(raw: string, decimalSeparator: DecimalSeparator): number | null {
  const text = raw.trim();
  const clock = /^(?:(\d+):)?(\d+):([0-5]\d)$/.exec(text);
  if (clock) return ((Number(clock[1] ?? 0) * 60 + Number(clock[2])) * 60 + Number(clock[3])) * 1000;
  const sep = decimalSeparator === '.' ? '\\.' : ',';
  if (!new RegExp(`^\\d+(${sep}\\d{1,3})?$`).test(text)) return null;
  return Math.round(Number(text.replace(',', '.')) * 1000);
}

/**
 * A charge as an exact five-place decimal string ("0.01500"), or the reason it
 * is not one. No thousands separators, no currency signs: an amount that
 * could be read two ways is refused, never guessed.
 */
export function parseCharge(raw: string, decimalSeparator: DecimalSeparator): { amount: string } | { reason: string } {
  const text = raw.trim();
  const sep = decimalSeparator === '.' ? '\\.' : ',';
  const m = new RegExp(`^(-?)(\\d*)(?:${sep}(\\d+))?$`).exec(text);
  if (!m || (!m[2] && !m[3])) return { reason: `must be a decimal amount with "${decimalSeparator}" before the decimals, e.g. 0${decimalSeparator}015` };
  const decimals = (m[3] ?? '').replace(/0+$/, '');
  if (decimals.length > 5) return { reason: 'has more than 5 decimal places' };
  return { amount: formatMoney(parseMoney(`${m[1]}${m[2] || '0'}${decimals ? `.${decimals}` : ''}`)) };
}
