/** English texts; de.ts must have the same keys (its type says so). */
export const en = {
  common: {
    actions: 'Actions', all: 'All', cancel: 'Cancel', close: 'Close', copied: 'Copied', copy: 'Copy', copyFailed: 'Copying failed: select the text and copy it',
    edit: 'Edit', empty: 'Nothing to show', fixFields: 'Please correct the marked fields.', from: 'From', to: 'To', next: 'Next', previous: 'Previous',
    no: 'No', yes: 'Yes', pageOf: 'Page {{page}} of {{pages}} ({{total}} in all)', pagination: 'Pages', save: 'Save', site: 'Site',
  },
  shell: { skip: 'Skip to content', navigation: 'Main', language: 'Language', logout: 'Log out' },
  nav: { overview: 'Overview', sites: 'Sites', extensions: 'Extensions', registrations: 'Registrations', explain: 'Explain a call', cdrs: 'Call records', reports: 'Reports' },
  languages: { de: 'Deutsch', en: 'English' },
  roles: { ADMIN: 'Administrator', SITE_ADMIN: 'Site administrator', FINANCE: 'Finance', VIEWER: 'Viewer' },
  login: {
    title: 'Branchline console', email: 'E-mail address', password: 'Password', submit: 'Log in', wrong: 'E-mail address or password is wrong.',
    locked: 'Too many failed logins: this account is locked for a while.', failed: 'Logging in failed; please try again.', expired: 'Your session has ended; please log in again.',
  },
  notFound: { title: 'Page not found', back: 'Back to the overview' },
  overview: {
    title: 'Overview', phones: 'Phones registered now', registeredNow: 'Registered', callsToday: 'Calls today', spendToday: 'Spend today',
    callsMonth: 'Calls this month', spendMonth: 'Spend this month', spendChart: 'Spend per day this month', spendChartLabel: 'Bar chart of the spend per day this month, {{total}} in all',
  },
  sites: {
    title: 'Sites', new: 'New site', newTitle: 'New site', editTitle: 'Edit site {{code}}', editOne: 'Edit site {{code}}', create: 'Create site', saved: 'Site {{code}} was saved.',
    search: 'Search name or code', range: 'Extensions', codeHint: '2-10 capital letters or digits, e.g. MUC',
    fields: {
      name: 'Name', code: 'Code', dialPrefix: 'Site prefix', extensionRangeStart: 'First extension', extensionRangeEnd: 'Last extension', timeZone: 'Time zone',
      countryCode: 'Country (ISO)', countryCallingCode: 'Country calling code', areaCode: 'Area code', outsideAccessCode: 'Outside line prefix', costCentre: 'Cost centre',
      emergencyCallerId: 'Emergency caller ID', dailySpendLimit: 'Daily spend limit ({{currency}})',
    },
  },
  extensions: {
    title: 'Extensions', new: 'New extension', newTitle: 'New extension', editTitle: 'Edit extension {{number}}', create: 'Create extension', number: 'Number',
    displayName: 'Name', classOfService: 'Class of service', externalCallerId: 'External caller ID', externalCallerIdHint: 'E.164, e.g. +4930123456',
    dailySpendLimit: 'Daily spend limit ({{currency}})', enabled: 'Enabled', online: 'Phone', isOnline: 'online', isOffline: 'offline', onlineUnknown: 'unknown',
    search: 'Search number or name', editOne: 'Edit extension {{number}}', resetOne: 'Reset password of {{number}}', resetPassword: 'Reset password',
    saved: 'The extension was saved.', passwordTitle: 'SIP credentials of {{number}}', passwordOnce: 'This password is shown only now. Copy it into the phone; afterwards it can only be reset.',
    sipUsername: 'SIP user name', sipPassword: 'SIP password', copyPassword: 'Copy the SIP password', passwordNoted: 'I have noted it',
  },
  cos: { INTERNAL: 'Internal only', LOCAL: 'Local', NATIONAL: 'National', INTERNATIONAL: 'International', PREMIUM: 'Premium' },
  registrations: {
    title: 'Registrations', polling: 'Refreshed every {{seconds}} seconds.', unavailable: 'The registrar does not answer right now.', truncated: 'Only part of the registrations is shown.',
    count_one: '{{count}} registration', count_other: '{{count}} registrations', none: 'No phone is registered.', contact: 'Contact', source: 'From', userAgent: 'Phone model',
    since: 'Registered at', expires: 'Expires', inSeconds: 'in {{seconds}} s',
  },
  explain: {
    title: 'What would this call do?', intro: 'Routing’s decision for a number dialed from an extension, without placing the call.', from: 'Calling extension (number)',
    dialed: 'Dialed number', submit: 'Explain', noSuchExtension: 'There is no extension with this number.', unavailable: 'Routing does not answer right now.',
    result: 'Dialing {{dialed}}', allowed: 'allowed', refused: 'refused', kind: 'Kind', kinds: { internal: 'Internal call', emergency: 'Emergency call', external: 'External call', invalid: 'Invalid number' },
    normalised: 'Normalised', category: 'Category', route: 'Route', callerId: 'Caller ID sent', billing: 'Billing', gateways: 'Gateways in the order tried', order: 'Order',
    gateway: 'Gateway', rate: 'Rate', perMinute: 'Per minute', connectFee: 'Connect fee',
  },
  cdrs: { title: 'Call records', startedAt: 'Started', direction: 'Direction', caller: 'Caller', dialed: 'Dialed', disposition: 'Result', billable: 'Billable time' },
  directions: { INTERNAL: 'Internal', OUTBOUND: 'Outbound', INBOUND: 'Inbound', EMERGENCY: 'Emergency' },
  dispositions: { ANSWERED: 'Answered', BUSY: 'Busy', NO_ANSWER: 'No answer', FAILED: 'Failed', CANCELLED: 'Cancelled', REFUSED: 'Refused' },
  reports: {
    title: 'Call-charge reports', groupBy: 'Group by', compare: 'Compare with the previous period', calls: 'Calls', answered: 'Answered', cost: 'Cost', day: 'Day',
    previousCost: 'Cost, previous period', costExact: 'Cost (exact)', costRounded: 'Invoice amount (rounded once)', change: 'Change', changeCost: 'Cost change against {{from}} – {{to}}',
    chart: 'Cost by {{keys}}', chartLabel: 'Bar chart of the cost per row, {{total}} in all', rows: 'Report rows', none: 'none', drill: 'Calls', drillOne: 'Show the calls of {{row}}',
    drillTitle: 'Calls of {{row}}', downloads: 'Downloads', downloadCsv: 'Download CSV', downloadXlsx: 'Download XLSX', downloadPdf: 'Statement PDF {{month}}', statementSite: 'Statement for site',
    keys: { site: 'Site', costCentre: 'Cost centre', extension: 'Extension', destination: 'Destination', gateway: 'Gateway', direction: 'Direction', disposition: 'Result', day: 'Day', week: 'Week', month: 'Month' },
  },
};

/** The shape every language provides: en's keys, any text. */
type Texts<T> = { [K in keyof T]: T[K] extends string ? string : Texts<T[K]> };
export type Dictionary = Texts<typeof en>;
