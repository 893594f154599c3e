/**
 * Who the applicant is, and the notary's power of attorney, come from the state databases. When the
 * gateway to them does not answer, the clerk enters both from the documents presented: the application
 * goes on, marked "not verified", and is checked against the databases once the gateway answers.
 * These are the rules of that check, in one place: what counts as a difference, and which decisions
 * may be signed while a check is open.
 */
export const IDENTITY_SUBJECTS = ['applicant', 'poa'] as const;
export type IdentitySubject = (typeof IDENTITY_SUBJECTS)[number];

/** Why the data was entered by hand: the gateway was down or answered with an error (never "not found"). */
export const UNVERIFIED_BECAUSE = ['gateway-unreachable', 'gateway-error', 'malformed-response'] as const;
export type UnverifiedBecause = (typeof UNVERIFIED_BECAUSE)[number];

/** What the databases said that no correction of the entered data can mend: only a refusal may follow. */
export const REJECTED_BECAUSE = ['not-found', 'liquidated', 'poa-revoked', 'poa-other-principal', 'poa-not-valid'] as const;
export type RejectedBecause = (typeof REJECTED_BECAUSE)[number];

/**
 * pending: not checked yet (the gateway has not answered); confirmed: the databases agree;
 * differs: they say otherwise, for the clerk to resolve; resolved: the clerk took the databases' data;
 * rejected: the databases hold no such record, or one that rules the application out.
 */
export const IDENTITY_STATES = ['pending', 'confirmed', 'differs', 'resolved', 'rejected'] as const;
export type IdentityState = (typeof IDENTITY_STATES)[number];

export interface Difference {
  field: string;
  entered: string | null;
  found: string | null;
}

export function isUnverifiedBecause(reason: string | undefined): reason is UnverifiedBecause {
  return (UNVERIFIED_BECAUSE as readonly string[]).includes(reason ?? '');
}

/** Case, quotes and spacing are how a clerk types a name, not a difference in it. */
function normalised(value: string | null): string {
  return (value ?? '')
    .toLocaleUpperCase('ru')
    .replace(/[«»"'“”„]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The fields that differ, comparing only those the clerk entered (a field left empty says nothing). */
export function differencesIn<K extends string>(entered: Readonly<Record<K, unknown>>, found: Readonly<Record<K, unknown>>, fields: readonly K[]): Difference[] {
  const text = (v: unknown) => (v === null || v === undefined || v === '' ? null : String(v));
  return fields
    .filter((field) => text(entered[field]) !== null && normalised(text(entered[field])) !== normalised(text(found[field])))
    .map((field) => ({ field, entered: text(entered[field]), found: text(found[field]) }));
}

export interface OpenCheck {
  subject: IdentitySubject;
  state: IdentityState;
}

/**
 * Why a decision may not be signed yet, or null. A refusal may be signed over a rejected check (that is
 * what it calls for); nothing may be signed while a check waits for the gateway or shows differences.
 */
export function identityBlocksSigning(checks: readonly OpenCheck[], decision: 'licence' | 'refusal'): string | null {
  if (checks.some((c) => c.state === 'pending')) return 'identity-not-verified';
  if (checks.some((c) => c.state === 'differs')) return 'identity-differences-unresolved';
  if (decision === 'licence' && checks.some((c) => c.state === 'rejected')) return 'identity-rejected';
  return null;
}
