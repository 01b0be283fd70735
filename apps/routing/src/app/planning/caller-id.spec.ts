import { presentedCallerId } from './caller-id';

describe('presentedCallerId', () => {
  const ids = { externalCallerId: null, extensionDid: null, siteDid: '+4930555100', emergencyCallerId: '+4930555112' };
  it.each([
    [{ ...ids, externalCallerId: '+4930555000' }, false, '+4930555000'],
    [{ ...ids, extensionDid: '+4930555101' }, false, '+4930555101'],
    [ids, false, '+4930555100'],
    [{ ...ids, externalCallerId: '+4930555000' }, true, '+4930555112'],
    [{ ...ids, emergencyCallerId: null }, true, '+4930555100'],
    [{ ...ids, siteDid: null }, false, null],
  ])('%o (emergency %p) presents %p', (o, emergency, expected) => expect(presentedCallerId(o, emergency)).toBe(expected));
});
