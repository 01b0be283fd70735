import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { de } from './de';
import { en } from './en';

export const LANGUAGES = ['de', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const KEY = 'branchline.language';

/** The locale numbers, dates and money are formatted in for a language. */
export const LOCALES: Record<Language, string> = { de: 'de-DE', en: 'en-GB' };

function initialLanguage(): Language {
  const stored = localStorage.getItem(KEY);
  if (stored === 'de' || stored === 'en') return stored;
  return navigator.language.toLowerCase().startsWith('de') ? 'de' : 'en';
}

export function setupI18n(language: Language = initialLanguage()) {
  document.documentElement.lang = language;
  void i18next.use(initReactI18next).init({
    resources: { de: { translation: de }, en: { translation: en } },
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  });
  return i18next;
}

export function changeLanguage(language: Language): void {
  localStorage.setItem(KEY, language);
  document.documentElement.lang = language;
  void i18next.changeLanguage(language);
}
