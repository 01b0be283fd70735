import type { Extension } from '../api/types';
import { createBody, emptyForm, formOf, updateBody } from './extension-form-model';

const existing: Extension = {
  id: 'e1',
  tenantId: 't',
  siteId: 's1',
  number: '1001',
  displayName: 'Anna',
  sipUsername: '1001',
  externalCallerId: '+4930123',
  classOfService: 'NATIONAL',
  dailySpendLimit: '5.00000',
  enabled: true,
  createdAt: '',
  updatedAt: '',
  online: null,
  registrations: null,
} as unknown as Extension;

describe('extension form model', () => {
  it('leaves blank optional fields out of a new extension, so the API generates the password and applies its defaults', () => {
    expect(createBody({ ...emptyForm('s1'), number: ' 1002 ', displayName: 'Ben ' })).toEqual({
      siteId: 's1',
      number: '1002',
      displayName: 'Ben',
      classOfService: 'NATIONAL',
      enabled: true,
    });
    expect(createBody({ ...emptyForm('s1'), number: '1', displayName: 'x', dailySpendLimit: '2.50' })).toMatchObject({ dailySpendLimit: '2.50' });
  });

  it('sends only what changed, and a cleared field as null', () => {
    const before = formOf(existing);
    expect(updateBody(before, before)).toEqual({});
    expect(updateBody(before, { ...before, displayName: 'Anna M.', externalCallerId: '', enabled: false })).toEqual({
      displayName: 'Anna M.',
      externalCallerId: null,
      enabled: false,
    });
    expect(updateBody(before, { ...before, dailySpendLimit: ' ' })).toEqual({ dailySpendLimit: null });
  });
});
