import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorBox } from '../../components/ErrorBox';
import { useAction } from '../../components/use-action';

/** The clerk's EDS on the registered form, checked against the form as stored now. */
export function FormSignature({ id }: { id: string }) {
  const { t } = useTranslation();
  const [result, setResult] = useState<Awaited<ReturnType<(typeof api)['applications.verifyForm']>> | null>(null);
  const check = useAction();
  return (
    <div className="row" data-testid="form-signature">
      <button type="button" className="secondary" onClick={async () => setResult((await check.run(() => api['applications.verifyForm']({ id }))) ?? null)}>
        {t('application.checkFormSignature')}
      </button>
      {result && (
        <span className={result.valid ? 'hint good' : 'hint bad'} role="status">
          {result.valid ? t('application.formSignatureValid', { name: result.signer?.name, iin: result.signer?.iin }) : t('application.formSignatureInvalid')}
          {result.problems.length > 0 && ` (${result.problems.map((p) => t(`verify.problem.${p}`, { defaultValue: p })).join('; ')})`}
        </span>
      )}
      <ErrorBox message={check.error} />
    </div>
  );
}
