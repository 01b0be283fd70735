import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/problem';
import type { ExplainReply } from '../api/types';
import { useLoggedIn } from '../auth/session-context';
import { useFormat } from '../data/use-format';
import { Alert, Badge, Button, Card, DataTable, TextField } from '../ui';

/** "What would this call do": routing's decision for a number dialed from an extension, without placing the call. */
export function ExplainPage() {
  const { t } = useTranslation();
  const session = useLoggedIn();
  const [from, setFrom] = useState('');
  const [dialed, setDialed] = useState('');
  const [reply, setReply] = useState<ExplainReply | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setReply(null);
    try {
      const found = await session.api.get('/api/v1/extensions', { query: { number: from.trim(), pageSize: 1 } });
      const extension = found.data[0];
      if (!extension) throw new ApiError(404, t('explain.noSuchExtension'), undefined, { extensionId: t('explain.noSuchExtension') });
      setReply(await session.api.post('/api/v1/dialplan/explain', { body: { extensionId: extension.id, dialed: dialed.trim() } }));
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, String(err), undefined, {}));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="bl-stack">
      <h1>{t('explain.title')}</h1>
      <p className="bl-muted">{t('explain.intro')}</p>
      <form className="bl-row" onSubmit={submit} noValidate>
        <TextField label={t('explain.from')} value={from} inputMode="numeric" required error={error?.fieldErrors['extensionId']} onChange={(e) => setFrom(e.target.value)} />
        <TextField label={t('explain.dialed')} value={dialed} inputMode="tel" required error={error?.fieldErrors['dialed']} onChange={(e) => setDialed(e.target.value)} />
        <Button type="submit" disabled={busy}>
          {t('explain.submit')}
        </Button>
      </form>
      {error && Object.keys(error.fieldErrors).length === 0 && <Alert kind="error">{error.status === 503 ? t('explain.unavailable') : error.message}</Alert>}
      {reply && <ExplainResult reply={reply} />}
    </div>
  );
}

function ExplainResult({ reply }: { reply: ExplainReply }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const facts: Array<[string, string]> = [
    [t('explain.kind'), t(`explain.kinds.${reply.kind}`)],
    [t('explain.normalised'), reply.normalised ?? '–'],
    [t('explain.category'), reply.category ?? '–'],
    [t('extensions.classOfService'), reply.classOfService],
    [t('explain.route'), reply.route ? `${reply.route.name} (${reply.route.pattern})` : '–'],
    [t('explain.callerId'), reply.callerId ?? '–'],
  ];
  if (reply.billing) facts.push([t('explain.billing'), reply.billing.note]);
  return (
    <Card title={t('explain.result', { dialed: reply.dialed })} labelledBy="explain-result">
      <div className="bl-stack" data-testid="explain-result">
        <p>
          <Badge on={reply.allowed}>{reply.allowed ? t('explain.allowed') : t('explain.refused')}</Badge> {reply.reason}
        </p>
        <dl className="bl-facts">
          {facts.map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
        {reply.gateways.length > 0 && (
          <DataTable
            caption={t('explain.gateways')}
            columns={[
              { key: 'order', header: t('explain.order'), numeric: true, cell: (g) => g.order },
              { key: 'name', header: t('explain.gateway'), cell: (g) => g.name },
              { key: 'rate', header: t('explain.rate'), cell: (g) => (g.rate ? `${g.rate.prefix} · ${g.rate.description}` : '–') },
              { key: 'perMinute', header: t('explain.perMinute'), numeric: true, cell: (g) => (g.rate ? fmt.money(g.rate.pricePerMinute) : '–') },
              { key: 'connect', header: t('explain.connectFee'), numeric: true, cell: (g) => (g.rate ? fmt.money(g.rate.connectFee) : '–') },
            ]}
            rows={reply.gateways}
            rowKey={(g) => g.id}
          />
        )}
      </div>
    </Card>
  );
}
