/** A request the registry refuses: the HTTP status, a code the desk maps to a message, nothing written. */
export class RegistryRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail?: string,
  ) {
    super(detail ? `${code}: ${detail}` : code);
  }
}
