import type { ButtonHTMLAttributes } from 'react';

type Variant = 'primary' | 'secondary' | 'danger';

export function Button({ variant = 'primary', small, className, type = 'button', ...rest }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant; small?: boolean }) {
  const classes = ['bl-button', variant !== 'primary' && `bl-button--${variant}`, small && 'bl-button--small', className].filter(Boolean).join(' ');
  return <button type={type} className={classes} {...rest} />;
}
