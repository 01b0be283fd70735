import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface Column<T> {
  key: string;
  header: string;
  cell: (row: T) => ReactNode;
  /** Sort key the API accepts; the header becomes a sort button. */
  sort?: string;
  numeric?: boolean;
}

export interface SortState {
  /** `number` ascending, `-number` descending (the API's sort syntax). */
  sort?: string;
  onSort?: (sort: string) => void;
}

/** The next sort for a click on a column: ascending first, then descending. */
export function nextSort(current: string | undefined, key: string): string {
  return current === key ? `-${key}` : key;
}

function ariaSort(current: string | undefined, key: string): 'ascending' | 'descending' | undefined {
  if (current === key) return 'ascending';
  if (current === `-${key}`) return 'descending';
  return undefined;
}

export function DataTable<T>({ caption, columns, rows, rowKey, sort, onSort, empty }: { caption: string; columns: Column<T>[]; rows: T[]; rowKey: (row: T) => string; empty?: string } & SortState) {
  const { t } = useTranslation();
  return (
    // A scrolling region must be reachable by keyboard on narrow screens.
    <div className="bl-table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table className="bl-table">
        <caption className="bl-visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={c.numeric ? 'bl-num' : undefined} aria-sort={c.sort ? ariaSort(sort, c.sort) : undefined}>
                {c.sort && onSort ? (
                  <button type="button" className="bl-table__sort" onClick={() => onSort(nextSort(sort, c.sort as string))}>
                    {c.header}
                    <span aria-hidden="true">{sort === c.sort ? ' ▲' : sort === `-${c.sort}` ? ' ▼' : ''}</span>
                  </button>
                ) : (
                  c.header
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={columns.length} className="bl-muted">
                {empty ?? t('common.empty')}
              </td>
            </tr>
          )}
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((c) => (
                <td key={c.key} className={c.numeric ? 'bl-num' : undefined}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Pagination({ page, pageSize, total, onPage }: { page: number; pageSize: number; total: number; onPage: (page: number) => void }) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav className="bl-pagination" aria-label={t('common.pagination')}>
      <button type="button" className="bl-button bl-button--secondary bl-button--small" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('common.previous')}
      </button>
      <span>{t('common.pageOf', { page, pages, total })}</span>
      <button type="button" className="bl-button bl-button--secondary bl-button--small" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('common.next')}
      </button>
    </nav>
  );
}
