import { fireEvent, render, screen } from '@testing-library/react';
import { setupI18n } from '../i18n/i18n';
import { DataTable, nextSort } from './data-table';

setupI18n('en');

describe('DataTable', () => {
  type Row = { id: string; number: string };
  const rows: Row[] = [
    { id: 'a', number: '1001' },
    { id: 'b', number: '1002' },
  ];
  const columns = [{ key: 'number', header: 'Number', sort: 'number', cell: (r: Row) => r.number }];

  it('sorts ascending first, then descending, in the API sort syntax', () => {
    expect(nextSort(undefined, 'number')).toBe('number');
    expect(nextSort('number', 'number')).toBe('-number');
    expect(nextSort('-number', 'number')).toBe('number');
    expect(nextSort('-displayName', 'number')).toBe('number');
  });

  it('offers sortable headers as buttons and tells assistive technology the sort order', () => {
    const sorts: string[] = [];
    render(<DataTable caption="Extensions" columns={columns} rows={rows} rowKey={(r) => r.id} sort="-number" onSort={(s) => sorts.push(s)} />);
    expect(screen.getByRole('columnheader', { name: /Number/ }).getAttribute('aria-sort')).toBe('descending');
    fireEvent.click(screen.getByRole('button', { name: /Number/ }));
    expect(sorts).toEqual(['number']);
    expect(screen.getAllByRole('row')).toHaveLength(3);
  });

  it('says so when there is nothing to show', () => {
    render(<DataTable caption="Extensions" columns={columns} rows={[]} rowKey={(r) => r.id} />);
    expect(screen.getByText('Nothing to show')).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });
});
