import type { ClassOfService, CreateExtension, Extension, UpdateExtension } from '../api/types';

/** What the extension form edits, as the inputs hold it (strings). */
export interface ExtensionForm {
  siteId: string;
  number: string;
  displayName: string;
  classOfService: ClassOfService;
  externalCallerId: string;
  dailySpendLimit: string;
  enabled: boolean;
}

export function emptyForm(siteId: string): ExtensionForm {
  return { siteId, number: '', displayName: '', classOfService: 'NATIONAL', externalCallerId: '', dailySpendLimit: '', enabled: true };
}

export function formOf(e: Extension): ExtensionForm {
  return {
    siteId: e.siteId,
    number: e.number,
    displayName: e.displayName,
    classOfService: e.classOfService,
    externalCallerId: e.externalCallerId ?? '',
    dailySpendLimit: e.dailySpendLimit ?? '',
    enabled: e.enabled,
  };
}

/** A new extension: blank optional fields are left out, so the API's defaults apply (and it generates the password). */
export function createBody(f: ExtensionForm): CreateExtension {
  return {
    siteId: f.siteId,
    number: f.number.trim(),
    displayName: f.displayName.trim(),
    classOfService: f.classOfService,
    enabled: f.enabled,
    ...(f.externalCallerId.trim() ? { externalCallerId: f.externalCallerId.trim() } : {}),
    ...(f.dailySpendLimit.trim() ? { dailySpendLimit: f.dailySpendLimit.trim() } : {}),
  };
}

/** Only what changed; a cleared optional field becomes null (removed), as the API reads it. */
export function updateBody(before: ExtensionForm, f: ExtensionForm): UpdateExtension {
  const body: UpdateExtension = {};
  if (f.siteId !== before.siteId) body.siteId = f.siteId;
  if (f.number.trim() !== before.number) body.number = f.number.trim();
  if (f.displayName.trim() !== before.displayName) body.displayName = f.displayName.trim();
  if (f.classOfService !== before.classOfService) body.classOfService = f.classOfService;
  if (f.enabled !== before.enabled) body.enabled = f.enabled;
  if (f.externalCallerId.trim() !== before.externalCallerId) body.externalCallerId = f.externalCallerId.trim() || null;
  if (f.dailySpendLimit.trim() !== before.dailySpendLimit) body.dailySpendLimit = f.dailySpendLimit.trim() || null;
  return body;
}
