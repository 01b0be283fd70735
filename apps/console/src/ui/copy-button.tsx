import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './button';

/** Copies a value to the clipboard and says so (a live region tells screen readers too). */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<boolean | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <>
      <Button variant="secondary" small onClick={copy} aria-label={label}>
        {t('common.copy')}
      </Button>
      <span role="status" className="bl-muted">
        {copied === true ? t('common.copied') : copied === false ? t('common.copyFailed') : ''}
      </span>
    </>
  );
}
