import { listQuerySchema, toOrderBy } from './pagination';

describe('toOrderBy', () => {
  it('turns a sort string into Prisma order with an id tie-breaker', () => {
    expect(toOrderBy('-createdAt,name')).toEqual([{ createdAt: 'desc' }, { name: 'asc' }, { id: 'asc' }]);
  });

  it('uses the fallback when no sort is given', () => {
    expect(toOrderBy(undefined, [{ code: 'asc' }])).toEqual([{ code: 'asc' }, { id: 'asc' }]);
  });

  it('needs no tie-breaker after a unique field', () => {
    expect(toOrderBy('-number', [], ['number'])).toEqual([{ number: 'desc' }]);
    expect(toOrderBy('number,displayName', [], ['number'])).toEqual([{ number: 'asc' }, { displayName: 'asc' }, { id: 'asc' }]);
  });
});

describe('listQuerySchema', () => {
  const schema = listQuerySchema(['name', 'code'], {});

  it('applies paging defaults', () => {
    expect(schema.parse({})).toEqual({ page: 1, pageSize: 50 });
  });

  it.each([
    [{ page: '0' }, 'page'],
    [{ pageSize: '501' }, 'pageSize'],
    [{ sort: 'name,-secret' }, 'sort'],
    [{ nmae: 'x' }, ''],
  ])('rejects %j', (query, field) => {
    const r = schema.safeParse(query);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].path.join('.')).toBe(field);
  });
});
