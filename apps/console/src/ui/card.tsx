import type { ReactNode } from 'react';

export function Card({ title, children, labelledBy }: { title?: string; children: ReactNode; labelledBy?: string }) {
  return (
    <section className="bl-card" aria-labelledby={labelledBy}>
      {title && <h2 id={labelledBy}>{title}</h2>}
      {children}
    </section>
  );
}

export function Stat({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div className="bl-card">
      <div className="bl-stat__label">{label}</div>
      <div className="bl-stat__value">{value}</div>
    </div>
  );
}

export function Alert({ kind, children }: { kind: 'error' | 'success' | 'info'; children: ReactNode }) {
  // Errors interrupt (role=alert); the rest is announced politely.
  return (
    <div className={`bl-alert bl-alert--${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

export function Badge({ on, children }: { on: boolean; children: ReactNode }) {
  return <span className={`bl-badge bl-badge--${on ? 'on' : 'off'}`}>{children}</span>;
}
