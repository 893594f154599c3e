import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VerificationReport } from '../../../domain/api/contract';
import { api } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { fileToBase64 } from '../components/files';
import { localTime } from '../components/local-format';
import { useAction } from '../components/use-action';

/**
 * "Verify a document": a signed PDF, or a CMS file (.cms, .p7s) as other state systems send them — attached, or
 * detached, when the file it signs is asked for next — judged by this office's trust store and CRLs.
 */
export function Verify() {
  const { t } = useTranslation();
  const [report, setReport] = useState<VerificationReport | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const { busy, error, run } = useAction();

  async function check(signed: File, data?: File) {
    setReport(null);
    setFile(signed);
    const result = await run(async () =>
      api['documents.verify']({
        fileName: signed.name,
        contentBase64: await fileToBase64(signed),
        ...(data ? { data: { fileName: data.name, contentBase64: await fileToBase64(data) } } : {}),
      }),
    );
    if (result) setReport(result);
  }

  const fileName = file?.name ?? '';
  const detachedWithoutData = report?.format === 'cms' && !report.content;

  const date = (iso: string | null) => (iso ? localTime(iso) : t('common.none'));
  return (
    <section>
      <h1>{t('verify.title')}</h1>
      <div className="field">
        <label htmlFor="verify-file">{t('verify.file')}</label>
        <input
          id="verify-file"
          type="file"
          accept="application/pdf,.pdf,.cms,.p7s,.p7m,.sig,application/pkcs7-signature,application/pkcs7-mime"
          disabled={busy}
          onChange={(e) => e.target.files?.[0] && check(e.target.files[0])}
        />
      </div>
      {detachedWithoutData && file && (
        <div className="field">
          <label htmlFor="verify-data">{t('verify.dataFile')}</label>
          <input id="verify-data" type="file" disabled={busy} onChange={(e) => e.target.files?.[0] && check(file, e.target.files[0])} />
        </div>
      )}
      <ErrorBox message={error} />
      {report && (
        <div className="card" data-testid="verification">
          <p className={report.valid ? 'verdict good' : 'verdict bad'} data-testid="verdict" role="status">
            {fileName}: {report.signatures.length === 0 ? t('verify.unsigned') : report.valid ? t('verify.valid') : t('verify.invalid')}
          </p>
          {report.format === 'cms' && report.content && (
            <p data-testid="cms-content">
              {t('verify.cmsContent', {
                bytes: report.content.bytes,
                sha256: report.content.sha256.slice(0, 16),
                where: t(report.content.attached ? 'verify.cmsAttached' : 'verify.cmsDetached'),
              })}
            </p>
          )}
          {report.qr && (
            <p data-testid="qr-check" className={report.qr.status === 'differs-from-record' ? 'bad' : ''}>
              {t('verify.qr', { kind: t(`application.${report.qr.kind}`), number: report.qr.number, date: report.qr.date })}: {t(`verify.qrStatus.${report.qr.status}`)}
              {report.qr.differences.length > 0 && (
                <span data-testid="record-differences">
                  {' '}
                  {t('verify.differences', { fields: report.qr.differences.map((f) => t(`verify.recordFields.${f}`, { defaultValue: f })).join(', ') })}
                </span>
              )}
            </p>
          )}
          {report.signatures.map((s) => (
            <dl className="facts" key={s.index} data-testid="signature">
              <dt>{t('verify.signature')}</dt>
              <dd>
                № {s.index} · {s.signatureValid ? t('verify.intact') : t('verify.broken')}
              </dd>
              <dt>{t('verify.signer')}</dt>
              <dd>{[s.signer?.name, s.signer?.patronymic].filter(Boolean).join(' ') || t('common.none')}</dd>
              <dt>{t('verify.iin')}</dt>
              <dd data-testid="signer-iin">{s.signer?.iin ?? t('common.none')}</dd>
              <dt>{t('verify.bin')}</dt>
              <dd data-testid="signer-bin">{s.signer?.bin ?? t('common.none')}</dd>
              <dt>{t('verify.organization')}</dt>
              <dd>{s.signer?.organization ?? t('common.none')}</dd>
              <dt>{t('verify.role')}</dt>
              <dd>{s.signer?.roles.map((r) => t(`verify.roles.${r}`)).join(', ') || t('common.none')}</dd>
              <dt>{t('verify.signedAt')}</dt>
              <dd>{date(s.signingTime)}</dd>
              <dt>{t('verify.algorithm')}</dt>
              <dd data-testid="signature-algorithm">{s.certificate ? t(`application.keyAlgorithm.${s.certificate.algorithm}`) : t('common.none')}</dd>
              <dt>{t('verify.validity')}</dt>
              <dd>
                {date(s.certificate?.notBefore ?? null)} — {date(s.certificate?.notAfter ?? null)}
              </dd>
              <dt>{t('verify.chain')}</dt>
              <dd>{s.chainTrusted === null ? t('common.none') : s.chainTrusted ? t('verify.trusted') : t('verify.untrusted')}</dd>
              <dt>{t('verify.revocation')}</dt>
              <dd data-testid="revocation">
                {s.revocation ? (
                  <>
                    {t('verify.revocationAtSigning', { status: t(`verify.revocationStatus.${s.revocation.atSigning}`, { date: date(s.revocation.revokedAt) }) })}
                    {'; '}
                    {t('verify.revocationNow', { status: t(`verify.revocationStatus.${s.revocation.now}`, { date: date(s.revocation.revokedAt) }) })}
                    {s.revocation.source ? ` (${t(`verify.revocationSource.${s.revocation.source}`)})` : ''}
                    {s.revocation.stale ? ` (${t('verify.stale')})` : ''}
                  </>
                ) : (
                  t('common.none')
                )}
              </dd>
              <dt>{t('verify.timestamp')}</dt>
              <dd data-testid="timestamp" className={s.timestamp && !s.timestamp.valid ? 'bad' : undefined}>
                {s.timestamp
                  ? s.timestamp.valid
                    ? t('verify.timestampValue', { time: date(s.timestamp.time), tsa: s.timestamp.tsa })
                    : t('verify.timestampInvalid')
                  : t('verify.noTimestamp')}
              </dd>
              {s.problems.length > 0 && (
                <>
                  <dt>{t('verify.problems')}</dt>
                  <dd className="bad">{s.problems.map((p) => t(`verify.problem.${p}`, { defaultValue: p })).join('; ')}</dd>
                </>
              )}
            </dl>
          ))}
        </div>
      )}
    </section>
  );
}
