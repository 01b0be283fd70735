import type { Dictionary } from './en';

/** Deutsche Texte (die Demo-Firma sitzt in Deutschland). */
export const de: Dictionary = {
  common: {
    actions: 'Aktionen', all: 'Alle', cancel: 'Abbrechen', close: 'Schließen', copied: 'Kopiert', copy: 'Kopieren', copyFailed: 'Kopieren fehlgeschlagen: Text markieren und kopieren',
    edit: 'Bearbeiten', empty: 'Keine Einträge', fixFields: 'Bitte die markierten Felder korrigieren.', from: 'Von', to: 'Bis', next: 'Weiter', previous: 'Zurück',
    no: 'Nein', yes: 'Ja', pageOf: 'Seite {{page}} von {{pages}} ({{total}} insgesamt)', pagination: 'Seiten', save: 'Speichern', site: 'Standort',
  },
  shell: { skip: 'Zum Inhalt springen', navigation: 'Hauptmenü', language: 'Sprache', logout: 'Abmelden' },
  nav: { overview: 'Übersicht', sites: 'Standorte', extensions: 'Nebenstellen', registrations: 'Registrierungen', explain: 'Anruf erklären', cdrs: 'Verbindungsdaten', reports: 'Auswertungen' },
  languages: { de: 'Deutsch', en: 'English' },
  roles: { ADMIN: 'Administrator', SITE_ADMIN: 'Standort-Administrator', FINANCE: 'Finanzen', VIEWER: 'Lesezugriff' },
  login: {
    title: 'Branchline-Konsole', email: 'E-Mail-Adresse', password: 'Passwort', submit: 'Anmelden', wrong: 'E-Mail-Adresse oder Passwort ist falsch.',
    locked: 'Zu viele Fehlversuche: Das Konto ist vorübergehend gesperrt.', failed: 'Anmeldung fehlgeschlagen, bitte erneut versuchen.', expired: 'Ihre Sitzung ist abgelaufen, bitte neu anmelden.',
  },
  notFound: { title: 'Seite nicht gefunden', back: 'Zurück zur Übersicht' },
  overview: {
    title: 'Übersicht', phones: 'Jetzt registrierte Telefone', registeredNow: 'Registriert', callsToday: 'Anrufe heute', spendToday: 'Kosten heute',
    callsMonth: 'Anrufe diesen Monat', spendMonth: 'Kosten diesen Monat', spendChart: 'Kosten pro Tag in diesem Monat', spendChartLabel: 'Balkendiagramm der Kosten pro Tag in diesem Monat, insgesamt {{total}}',
  },
  sites: {
    title: 'Standorte', new: 'Neuer Standort', newTitle: 'Neuer Standort', editTitle: 'Standort {{code}} bearbeiten', editOne: 'Standort {{code}} bearbeiten', create: 'Standort anlegen', saved: 'Standort {{code}} wurde gespeichert.',
    search: 'Name oder Kürzel suchen', range: 'Nebenstellen', codeHint: '2-10 Großbuchstaben oder Ziffern, z. B. MUC',
    fields: {
      name: 'Name', code: 'Kürzel', dialPrefix: 'Standortvorwahl', extensionRangeStart: 'Erste Nebenstelle', extensionRangeEnd: 'Letzte Nebenstelle', timeZone: 'Zeitzone',
      countryCode: 'Land (ISO)', countryCallingCode: 'Ländervorwahl', areaCode: 'Ortsvorwahl', outsideAccessCode: 'Amtsholung', costCentre: 'Kostenstelle',
      emergencyCallerId: 'Rufnummer für Notrufe', dailySpendLimit: 'Tageslimit ({{currency}})',
    },
  },
  extensions: {
    title: 'Nebenstellen', new: 'Neue Nebenstelle', newTitle: 'Neue Nebenstelle', editTitle: 'Nebenstelle {{number}} bearbeiten', create: 'Nebenstelle anlegen', number: 'Rufnummer',
    displayName: 'Name', classOfService: 'Berechtigung', externalCallerId: 'Externe Rufnummer', externalCallerIdHint: 'E.164, z. B. +4930123456',
    dailySpendLimit: 'Tageslimit ({{currency}})', enabled: 'Aktiv', online: 'Telefon', isOnline: 'online', isOffline: 'offline', onlineUnknown: 'unbekannt',
    search: 'Nummer oder Name suchen', editOne: 'Nebenstelle {{number}} bearbeiten', resetOne: 'Passwort zurücksetzen für {{number}}', resetPassword: 'Passwort zurücksetzen',
    saved: 'Die Nebenstelle wurde gespeichert.', passwordTitle: 'SIP-Zugangsdaten von {{number}}', passwordOnce: 'Dieses Passwort wird nur jetzt angezeigt. Übernehmen Sie es ins Telefon; danach kann es nur zurückgesetzt werden.',
    sipUsername: 'SIP-Benutzername', sipPassword: 'SIP-Passwort', copyPassword: 'Kopieren: SIP-Passwort', passwordNoted: 'Ich habe es notiert',
  },
  cos: { INTERNAL: 'Nur intern', LOCAL: 'Ortsgespräche', NATIONAL: 'National', INTERNATIONAL: 'International', PREMIUM: 'Sonderrufnummern' },
  registrations: {
    title: 'Registrierungen', polling: 'Wird alle {{seconds}} Sekunden aktualisiert.', unavailable: 'Der Registrar antwortet gerade nicht.', truncated: 'Es wird nur ein Teil der Registrierungen gezeigt.',
    count_one: '{{count}} Registrierung', count_other: '{{count}} Registrierungen', none: 'Kein Telefon ist registriert.', contact: 'Kontakt', source: 'Von', userAgent: 'Telefonmodell',
    since: 'Registriert um', expires: 'Läuft ab', inSeconds: 'in {{seconds}} s',
  },
  explain: {
    title: 'Was würde dieser Anruf tun?', intro: 'Die Entscheidung des Routings für eine von einer Nebenstelle gewählte Nummer, ohne den Anruf aufzubauen.', from: 'Anrufende Nebenstelle (Nummer)',
    dialed: 'Gewählte Nummer', submit: 'Erklären', noSuchExtension: 'Es gibt keine Nebenstelle mit dieser Nummer.', unavailable: 'Das Routing antwortet gerade nicht.',
    result: 'Wahl von {{dialed}}', allowed: 'erlaubt', refused: 'abgelehnt', kind: 'Art', kinds: { internal: 'Interner Anruf', emergency: 'Notruf', external: 'Externer Anruf', invalid: 'Ungültige Nummer' },
    normalised: 'Normalisiert', category: 'Kategorie', route: 'Route', callerId: 'Gesendete Rufnummer', billing: 'Abrechnung', gateways: 'Gateways in Versuchsreihenfolge', order: 'Reihenfolge',
    gateway: 'Gateway', rate: 'Tarif', perMinute: 'Pro Minute', connectFee: 'Verbindungsentgelt',
  },
  cdrs: { title: 'Verbindungsdaten', startedAt: 'Beginn', direction: 'Richtung', caller: 'Anrufer', dialed: 'Gewählt', disposition: 'Ergebnis', billable: 'Abgerechnete Zeit' },
  directions: { INTERNAL: 'Intern', OUTBOUND: 'Abgehend', INBOUND: 'Ankommend', EMERGENCY: 'Notruf' },
  dispositions: { ANSWERED: 'Angenommen', BUSY: 'Besetzt', NO_ANSWER: 'Keine Antwort', FAILED: 'Fehlgeschlagen', CANCELLED: 'Abgebrochen', REFUSED: 'Abgelehnt' },
  reports: {
    title: 'Gebührenauswertungen', groupBy: 'Gruppieren nach', compare: 'Mit dem Vorzeitraum vergleichen', calls: 'Anrufe', answered: 'Angenommen', cost: 'Kosten', day: 'Tag',
    previousCost: 'Kosten, Vorzeitraum', costExact: 'Kosten (exakt)', costRounded: 'Rechnungsbetrag (einmal gerundet)', change: 'Veränderung', changeCost: 'Kostenveränderung gegenüber {{from}} – {{to}}',
    chart: 'Kosten nach {{keys}}', chartLabel: 'Balkendiagramm der Kosten pro Zeile, insgesamt {{total}}', rows: 'Auswertungszeilen', none: 'ohne', drill: 'Anrufe', drillOne: 'Anrufe von {{row}} zeigen',
    drillTitle: 'Anrufe von {{row}}', downloads: 'Downloads', downloadCsv: 'CSV herunterladen', downloadXlsx: 'XLSX herunterladen', downloadPdf: 'Abrechnung PDF {{month}}', statementSite: 'Abrechnung für Standort',
    keys: { site: 'Standort', costCentre: 'Kostenstelle', extension: 'Nebenstelle', destination: 'Ziel', gateway: 'Gateway', direction: 'Richtung', disposition: 'Ergebnis', day: 'Tag', week: 'Woche', month: 'Monat' },
  },
};
