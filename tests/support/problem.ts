/** The `problem` of the error `work` throws, if it is one of `kind`; 'accepted' when nothing is thrown. */
export function problemOf(kind: new (...args: never[]) => Error & { problem: string }, work: () => unknown): string {
  try {
    work();
  } catch (error) {
    if (error instanceof kind) return error.problem;
    throw error;
  }
  return 'accepted';
}
