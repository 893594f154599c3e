import { useEffect, useState } from 'react';

/**
 * A value typed as text in the UI language's own notation (a day дд.мм.гггг, a time чч:мм), never a native
 * control that draws itself by the browser's locale. What is typed is read on leaving the field or on Enter;
 * what cannot be read is refused beside the field, and the value stays as it was.
 */
export function TypedInput({
  id,
  value,
  onChange,
  label,
  parse,
  show = (v) => v,
  allowEmpty,
  placeholder,
  problem,
  size,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  label?: string | undefined;
  /** The value the text stands for, or null when it stands for none. */
  parse: (text: string) => string | null;
  show?: (value: string) => string;
  /** Clearing the field clears the value; otherwise an empty field is left unread. */
  allowEmpty: boolean;
  placeholder: string;
  problem: string;
  size: number;
}) {
  const [text, setText] = useState(show(value));
  const [invalid, setInvalid] = useState(false);
  useEffect(() => setText(show(value)), [value]);
  const commit = () => {
    const trimmed = text.trim();
    if (trimmed === '') {
      setInvalid(false);
      if (allowEmpty && value !== '') onChange('');
      return;
    }
    const parsed = parse(trimmed);
    setInvalid(parsed === null);
    if (parsed !== null && parsed !== value) onChange(parsed);
  };
  return (
    <>
      <input
        id={id}
        inputMode="numeric"
        placeholder={placeholder}
        aria-label={label}
        aria-invalid={invalid}
        aria-describedby={invalid ? `${id}-problem` : undefined}
        value={text}
        size={size}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit();
          }
        }}
      />
      {invalid && (
        <small id={`${id}-problem`} className="hint bad" role="alert">
          {problem}
        </small>
      )}
    </>
  );
}
