import { blockReason, decideAdmission, decideFailure, decideSlot, trustNeedsRefresh, type AttemptRead, type LockoutPolicy } from './lockout-policy';

const policy: LockoutPolicy = {
  userSourceThreshold: 10,
  sourceThreshold: 30,
  userThreshold: 10,
  windowSeconds: 300,
  lockoutSeconds: 900,
  trustSeconds: 86_400,
  slowdownIntervalMs: 5_000,
};

const none: AttemptRead = { sourceLockMs: null, userSourceLockMs: null, slowdownMs: null, trustMs: null, reserved: null };
const counted = (source: number, userSource: number, user: number) => ({ source, userSource, user });
const reserved = (userSource: number, user: number) => ({ userSource, user });

describe('decideAdmission', () => {
  it.each<[string, Partial<AttemptRead>, ReturnType<typeof decideAdmission>]>([
    ['a first attempt from anywhere is checked', { reserved: reserved(1, 1) }, { kind: 'check' }],
    ['a locked source is refused, whatever else', { sourceLockMs: 5_000, userSourceLockMs: 7_000, trustMs: 1_000 }, { kind: 'refuse', lock: 'source', remainingMs: 5_000, tripped: false }],
    ['a locked pair is refused even when trusted', { userSourceLockMs: 7_000, trustMs: 1_000 }, { kind: 'refuse', lock: 'user-source', remainingMs: 7_000, tripped: false }],
    ['the tenth guess for a user from one source is still checked', { reserved: reserved(10, 10) }, { kind: 'check' }],
    ['an eleventh in flight with them trips the pair lock', { reserved: reserved(11, 11) }, { kind: 'refuse', lock: 'user-source', remainingMs: 900_000, tripped: true }],
    ['a user under attack: a trusted source is checked as usual', { slowdownMs: 60_000, trustMs: 3_600_000 }, { kind: 'check' }],
    ['a user under attack: an untrusted source that never failed is slowed, not refused', { slowdownMs: 60_000, reserved: reserved(1, 25) }, { kind: 'check-if-slot-free', startsSlowdown: false }],
    ['guesses in flight from many sources beyond the user threshold start the slow-down', { reserved: reserved(1, 11) }, { kind: 'check-if-slot-free', startsSlowdown: true }],
    ['at the user threshold, before its failure is known, an attempt is checked', { reserved: reserved(1, 10) }, { kind: 'check' }],
  ])('%s', (_name, read, expected) => {
    expect(decideAdmission({ ...none, ...read }, policy)).toEqual(expected);
  });
});

describe('decideSlot', () => {
  it.each<[string, number | null, ReturnType<typeof decideSlot>]>([
    ['took the slot: checked', null, { kind: 'check' }],
    ['slot held 1.2 s more: challenged again when it frees', 1_200, { kind: 'challenge', delayMs: 1_200 }],
    ['slot held longer than an interval (set by hand): one interval at most', 60_000, { kind: 'challenge', delayMs: 5_000 }],
    ['slot about to free: at once', 0, { kind: 'challenge', delayMs: 0 }],
  ])('%s', (_name, heldMs, expected) => {
    expect(decideSlot(heldMs, policy)).toEqual(expected);
  });
});

describe('decideFailure', () => {
  it.each<[string, ReturnType<typeof counted>, ReturnType<typeof decideFailure>]>([
    ['a first failure sets nothing off', counted(1, 1, 1), { lock: null, slowdown: false }],
    ['the tenth for a user from one source locks the pair and slows the user down', counted(10, 10, 10), { lock: 'user-source', slowdown: true }],
    ['the tenth for a user from many sources only slows it down', counted(1, 1, 10), { lock: null, slowdown: true }],
    ['the thirtieth from a source, over many users, locks the source', counted(30, 2, 2), { lock: 'source', slowdown: false }],
    ['a source over its threshold is locked before its pair', counted(30, 10, 10), { lock: 'source', slowdown: true }],
  ])('%s', (_name, counts, expected) => {
    expect(decideFailure(counts, policy)).toEqual(expected);
  });
});

describe('trustNeedsRefresh', () => {
  it.each<[string, number | null, boolean]>([
    ['never trusted', null, true],
    ['trust fresh', 86_000_000, false],
    ['just over half left', 43_300_000, false],
    ['under half left', 43_100_000, true],
  ])('%s', (_name, trustMs, expected) => {
    expect(trustNeedsRefresh(trustMs, policy)).toBe(expected);
  });
});

describe('blockReason', () => {
  it('names each lock and the slow-down as the events do', () => {
    expect([blockReason('source'), blockReason('user-source'), blockReason('slowdown')]).toEqual(['source-lockout', 'user-source-lockout', 'user-slowdown']);
  });
});
