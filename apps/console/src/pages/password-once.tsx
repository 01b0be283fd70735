import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreatedExtension } from '../api/types';
import { Button, CopyButton } from '../ui';

/** The SIP password the API shows this once (on creation or reset): copy it now, it cannot be read again. */
export function PasswordOnce({ extension, onDone }: { extension: CreatedExtension; onDone: () => void }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="bl-card bl-stack" aria-labelledby="password-once" data-testid="password-once">
      <h2 id="password-once" ref={heading} tabIndex={-1}>
        {t('extensions.passwordTitle', { number: extension.number })}
      </h2>
      <p>{t('extensions.passwordOnce')}</p>
      <div className="bl-secret">
        <span>{t('extensions.sipUsername')}:</span>
        <code>{extension.sipUsername}</code>
      </div>
      <div className="bl-secret">
        <span>{t('extensions.sipPassword')}:</span>
        <code data-testid="sip-password">{extension.sipPassword}</code>
        <CopyButton value={extension.sipPassword} label={t('extensions.copyPassword')} />
      </div>
      <div>
        <Button onClick={onDone}>{t('extensions.passwordNoted')}</Button>
      </div>
    </section>
  );
}
