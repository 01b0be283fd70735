/**
 * Dial patterns in the style PBX admins know from Asterisk, matched against a
 * whole number (a normalised E.164 number, or the digits as dialed for
 * emergency numbers):
 *
 *   X  any digit 0-9        Z  1-9        N  2-9
 *   [1-5,7]  one digit from the set
 *   .  one or more further characters (only at the end)
 *   !  zero or more further characters (only at the end)
 *   +  and digits match themselves
 *
 * Examples: `+49.` (German numbers), `+.` (anything international),
 * `11[02]` (112 and 110).
 */
export interface DialPattern {
  source: string;
  regex: RegExp;
  /** How many literal/class positions the pattern fixes; more is more specific. */
  specificity: number;
}

export class DialPatternError extends Error {
  constructor(
    readonly pattern: string,
    readonly reason: string,
  ) {
    super(`Invalid dial pattern "${pattern}": ${reason}`);
    this.name = 'DialPatternError';
  }
}

export function parseDialPattern(source: string): DialPattern {
  if (source.length === 0 || source.length > 64) throw new DialPatternError(source, 'must be 1-64 characters');
  let re = '';
  let specificity = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (/[0-9]/.test(c)) re += c;
    else if (c === '+') {
      if (i !== 0) throw new DialPatternError(source, '+ may only stand first');
      re += '\\+';
    } else if (c === 'X') re += '[0-9]';
    else if (c === 'Z') re += '[1-9]';
    else if (c === 'N') re += '[2-9]';
    else if (c === '[') {
      const end = source.indexOf(']', i);
      if (end < 0) throw new DialPatternError(source, 'unclosed [');
      const body = source.slice(i + 1, end);
      if (!/^([0-9](-[0-9])?)(,?[0-9](-[0-9])?)*$/.test(body)) throw new DialPatternError(source, `bad digit set [${body}]`);
      for (const m of body.matchAll(/([0-9])-([0-9])/g)) {
        if (m[1] > m[2]) throw new DialPatternError(source, `empty range ${m[0]}`);
      }
      re += `[${body.replace(/,/g, '')}]`;
      i = end;
    } else if (c === '.' || c === '!') {
      if (i !== source.length - 1) throw new DialPatternError(source, `${c} may only stand last`);
      re += c === '.' ? '[0-9*#]+' : '[0-9*#]*';
      continue;
    } else throw new DialPatternError(source, `unexpected character "${c}"`);
    specificity++;
  }
  return { source, regex: new RegExp(`^${re}$`), specificity };
}

export function matchesDialPattern(pattern: DialPattern, number: string): boolean {
  return pattern.regex.test(number);
}
