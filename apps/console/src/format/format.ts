/** Everything the console shows as a number, an amount or a time goes through these, per locale and tenant. */
export interface Formatters {
  /** A decimal-string amount, never rounded away: at least the currency's minor unit, up to the API's five places. */
  money(amount: string | null | undefined): string;
  number(n: number): string;
  percent(p: number | null | undefined): string;
  /** A date and time in the tenant's zone. */
  dateTime(iso: string | null | undefined): string;
  /** A YYYY-MM-DD calendar day, as a local date (no zone shift). */
  day(isoDay: string): string;
  /** Seconds as h:mm:ss. */
  duration(seconds: number): string;
}

export function createFormatters(locale: string, currency: string, timeZone: string): Formatters {
  const moneyFormat = new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 5 });
  const numberFormat = new Intl.NumberFormat(locale);
  const percentFormat = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium', timeZone });
  const dayFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  return {
    // Intl formats a decimal string exactly (no detour through a float).
    money: (amount) => (amount == null ? '–' : moneyFormat.format(amount as Intl.StringNumericLiteral)),
    number: (n) => numberFormat.format(n),
    percent: (p) => (p == null ? '–' : percentFormat.format(p / 100)),
    dateTime: (iso) => (iso ? dateTimeFormat.format(new Date(iso)) : '–'),
    day: (isoDay) => dayFormat.format(new Date(`${isoDay.slice(0, 10)}T00:00:00Z`)),
    duration: (seconds) => {
      const h = Math.floor(seconds / 3600);
      const m = Math.floor((seconds % 3600) / 60);
      const s = seconds % 60;
      return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
    },
  };
}

/** Today's calendar day (YYYY-MM-DD) in a time zone. */
export function localDay(at: Date, timeZone: string): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** The first day of the month `day` (YYYY-MM-DD) falls in. */
export function monthStart(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

/** The last day of that month. */
export function monthEnd(day: string): string {
  const [y, m] = day.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${day.slice(0, 7)}-${String(last).padStart(2, '0')}`;
}

/** Every calendar day from `from` to `to` (YYYY-MM-DD, both included). */
export function daysFrom(from: string, to: string): string[] {
  const days: string[] = [];
  for (const d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) <= to; d.setUTCDate(d.getUTCDate() + 1)) days.push(d.toISOString().slice(0, 10));
  return days;
}
