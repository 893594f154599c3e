export function ErrorBox({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div className="error" role="alert">
      {message}
    </div>
  );
}

export function Notice({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div className="notice" role="status">
      {message}
    </div>
  );
}

/** What the user's last action came to, beside it: a notice, or the error; read out as it changes. */
export function ActionOutcome({ notice, error }: { notice: string | null; error: string | null }) {
  return (
    <div aria-live="polite">
      <Notice message={notice} />
      <ErrorBox message={error} />
    </div>
  );
}
