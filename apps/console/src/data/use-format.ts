import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session-context';
import { createFormatters, type Formatters } from '../format/format';
import { LOCALES, type Language } from '../i18n/i18n';

/** Formatters for the chosen language and the tenant's currency and time zone. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  const { session } = useSession();
  const locale = LOCALES[(i18n.language as Language) in LOCALES ? (i18n.language as Language) : 'en'];
  const currency = session?.tenant.currency ?? 'EUR';
  const timeZone = session?.timeZone ?? 'UTC';
  return useMemo(() => createFormatters(locale, currency, timeZone), [locale, currency, timeZone]);
}
