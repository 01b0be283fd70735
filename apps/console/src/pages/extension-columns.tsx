import type { TFunction } from 'i18next';
import type { Extension } from '../api/types';
import { can, ownSites, type Session } from '../auth/session';
import { Badge, Button, type Column } from '../ui';

export interface ExtensionActions {
  edit(e: Extension): void;
  resetPassword(e: Extension): void;
}

/** The extension list's columns; the actions column only for a role that may write, and only on its own sites' rows. */
export function extensionColumns(t: TFunction, session: Session, actions: ExtensionActions): Column<Extension>[] {
  const siteCode = (id: string) => session.sites.find((s) => s.id === id)?.code ?? '–';
  const columns: Column<Extension>[] = [
    { key: 'number', header: t('extensions.number'), sort: 'number', cell: (e) => e.number },
    { key: 'displayName', header: t('extensions.displayName'), sort: 'displayName', cell: (e) => e.displayName },
    { key: 'site', header: t('common.site'), cell: (e) => siteCode(e.siteId) },
    { key: 'cos', header: t('extensions.classOfService'), sort: 'classOfService', cell: (e) => t(`cos.${e.classOfService}`) },
    { key: 'online', header: t('extensions.online'), cell: (e) => (e.online == null ? t('extensions.onlineUnknown') : <Badge on={e.online}>{e.online ? t('extensions.isOnline') : t('extensions.isOffline')}</Badge>) },
    { key: 'enabled', header: t('extensions.enabled'), cell: (e) => (e.enabled ? t('common.yes') : t('common.no')) },
  ];
  if (!can(session, 'extensions:write')) return columns;
  const mine = new Set(ownSites(session).map((s) => s.id));
  columns.push({
    key: 'actions',
    header: t('common.actions'),
    cell: (e) =>
      mine.has(e.siteId) ? (
        <span className="bl-row">
          <Button small variant="secondary" aria-label={t('extensions.editOne', { number: e.number })} onClick={() => actions.edit(e)}>
            {t('common.edit')}
          </Button>
          <Button small variant="secondary" aria-label={t('extensions.resetOne', { number: e.number })} onClick={() => actions.resetPassword(e)}>
            {t('extensions.resetPassword')}
          </Button>
        </span>
      ) : null,
  });
  return columns;
}
