import { usePlainProcessEnv } from './plain-env';

describe('usePlainProcessEnv', () => {
  const real = process.env;
  afterEach(() => {
    process.env = real;
  });

  it('swaps the live environment for a plain object with the same variables', () => {
    expect(Object.getPrototypeOf(process.env)).not.toBe(Object.prototype);
    const before = { ...process.env };
    usePlainProcessEnv();
    expect(process.env).not.toBe(real);
    expect(Object.getPrototypeOf(process.env)).toBe(Object.prototype);
    expect({ ...process.env }).toEqual(before);
    const copy = process.env;
    usePlainProcessEnv();
    expect(process.env).toBe(copy);
  });
});
