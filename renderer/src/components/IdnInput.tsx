import { useTranslation } from 'react-i18next';
import { idnProblem } from '../../../domain/ids/iin-bin';

/** A 12-digit IIN/BIN field that checks the check digit as the clerk types. */
export function IdnInput(props: { id: string; label: string; value: string; onChange: (value: string) => void; autoFocus?: boolean; readOnly?: boolean; onEnter?: () => void }) {
  const { t } = useTranslation();
  const problem = props.value.length === 0 ? null : idnProblem(props.value);
  const hint = props.value.length === 0 ? '' : problem ? t(`idn.${problem}`) : t('idn.ok');
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        inputMode="numeric"
        autoComplete="off"
        maxLength={12}
        value={props.value}
        autoFocus={props.autoFocus}
        readOnly={props.readOnly}
        aria-invalid={problem !== null}
        aria-describedby={`${props.id}-hint`}
        onChange={(e) => props.onChange(e.target.value.replace(/\s+/g, ''))}
        onKeyDown={(e) => {
          // Enter asks the databases (the field's own action), rather than submitting the whole form.
          if (e.key === 'Enter' && props.onEnter) {
            e.preventDefault();
            props.onEnter();
          }
        }}
      />
      <small id={`${props.id}-hint`} className={problem ? 'hint bad' : 'hint good'}>
        {hint}
      </small>
    </div>
  );
}
