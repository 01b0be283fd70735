import { SecretBox } from './secret-box';
import {
  generateApiKey,
  generateSipPassword,
  hashApiKey,
  hashPassword,
  sipPasswordProblem,
  verifyPassword,
} from './passwords';

describe('SecretBox', () => {
  const box = new SecretBox('a'.repeat(32));

  it('round-trips a secret', () => {
    expect(box.decrypt(box.encrypt('s3cret-Pässword'))).toBe('s3cret-Pässword');
  });

  it('uses a fresh IV each time', () => {
    expect(box.encrypt('x')).not.toBe(box.encrypt('x'));
  });

  it('refuses a box sealed with another key', () => {
    expect(() => new SecretBox('b'.repeat(32)).decrypt(box.encrypt('x'))).toThrow();
  });

  it('refuses a tampered box', () => {
    const sealed = box.encrypt('hello');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('jello').toString('base64url');
    expect(() => box.decrypt(parts.join('.'))).toThrow();
  });
});

describe('login passwords', () => {
  it('verifies the right password and rejects a wrong one', async () => {
    const stored = await hashPassword('correct horse');
    expect(stored).toMatch(/^scrypt\$/);
    await expect(verifyPassword('correct horse', stored)).resolves.toBe(true);
    await expect(verifyPassword('correct horsf', stored)).resolves.toBe(false);
  });

  it('rejects a malformed stored hash instead of throwing', async () => {
    await expect(verifyPassword('x', 'md5$abc')).resolves.toBe(false);
  });
});

describe('API keys', () => {
  it('generates distinct keys whose hash identifies them', () => {
    const a = generateApiKey();
    const b = generateApiKey();
    expect(a.key).not.toBe(b.key);
    expect(a.key.startsWith(a.prefix)).toBe(true);
    expect(hashApiKey(a.key)).toBe(a.hash);
    expect(a.hash).not.toContain(a.key);
  });
});

describe('SIP passwords', () => {
  it('generates passwords that pass the strength rules', () => {
    for (let i = 0; i < 50; i++) {
      const pw = generateSipPassword();
      expect(pw).toHaveLength(20);
      expect(sipPasswordProblem(pw)).toBeNull();
    }
  });

  it.each([
    ['short1A', 'must be at least 12 characters'],
    ['alllowercaseletters', 'must mix at least three'],
    ['x'.repeat(129), 'must be at most 128 characters'],
  ])('rejects %s', (pw, problem) => {
    expect(sipPasswordProblem(pw)).toContain(problem);
  });
});
