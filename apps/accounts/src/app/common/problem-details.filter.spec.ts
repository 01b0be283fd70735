import { z } from 'zod';
import { zodIssuesToInvalidParams } from './problem-details.filter';

describe('zodIssuesToInvalidParams', () => {
  const query = z.object({ from: z.string().optional(), page: z.coerce.number().int().optional() }).strict();

  it('names each unknown parameter itself, not "(body)"', () => {
    const result = query.safeParse({ form: '2026-12-03', pg: '2' });
    expect(result.success).toBe(false);
    expect(zodIssuesToInvalidParams(result.error as z.ZodError)).toEqual([
      { name: 'form', reason: 'is not a known parameter' },
      { name: 'pg', reason: 'is not a known parameter' },
    ]);
  });

  it('names a nested unknown field by its path', () => {
    const body = z.object({ admin: z.object({ email: z.string() }).strict() });
    const result = body.safeParse({ admin: { email: 'a@b.example', role: 'x' } });
    expect(zodIssuesToInvalidParams(result.error as z.ZodError)).toEqual([
      { name: 'admin.role', reason: 'is not a known parameter' },
    ]);
  });

  it('names a bad field by its path', () => {
    const result = query.safeParse({ page: 'x' });
    expect(zodIssuesToInvalidParams(result.error as z.ZodError)).toEqual([
      { name: 'page', reason: expect.any(String) },
    ]);
  });
});
