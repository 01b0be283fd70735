import { reasonPhrase } from './reason-phrases';

describe('reasonPhrase', () => {
  it.each([
    [100, 'Trying'],
    [180, 'Ringing'],
    [200, 'OK'],
    [401, 'Unauthorized'],
    [407, 'Proxy Authentication Required'],
    [481, 'Call/Transaction Does Not Exist'],
    [503, 'Service Unavailable'],
    [603, 'Decline'],
  ])('names %i %s', (status, phrase) => expect(reasonPhrase(status)).toBe(phrase));

  it.each([
    [199, 'Progress'],
    [299, 'OK'],
    [499, 'Error'],
    [699, 'Error'],
  ])('falls back to its class for an unlisted %i', (status, phrase) => expect(reasonPhrase(status)).toBe(phrase));
});
