import type { Option } from '../ui';
import type { Session } from '../auth/session';

/** Sites as select options (`BER · Berlin`), optionally after an "all" option. */
export function siteOptions(sites: Session['sites'], all?: string): Option[] {
  const options = sites.map((s) => ({ value: s.id, label: `${s.code} · ${s.name}` }));
  return all === undefined ? options : [{ value: '', label: all }, ...options];
}
