/**
 * What passes between the demo NCA (registry/pki, the simulator) and the demo office (main/demo): who
 * gets a key, and which files the NCA hands over.
 */
export interface KazakhPerson {
  surname: string;
  name: string;
  patronymic?: string;
  iin: string;
  organization?: string;
  bin?: string;
  email?: string;
}

/**
 * A key the demo NCA issues, written as an NCA-style .p12 named `<prefix><digest>.p12`: a GOST 2015 key for
 * signing and sign-in ('both', as NCA issues them now) unless RSA is asked for (a signing or a login key).
 */
export interface DemoKeyRequest {
  prefix: string;
  person: KazakhPerson;
  purpose: 'signing' | 'authentication' | 'both';
  roleOids: string[];
  kind?: 'gost2015' | 'rsa';
}

export interface DemoPkiFiles {
  dir: string;
  /** Both hierarchies' roots (GOST 2015, then RSA), and their issuing CAs: what the office trusts. */
  rootPem: string;
  intermediatePem: string;
  /** The RSA hierarchy alone, for verifiers that know no GOST (pdfsig, openssl). */
  rsaRootPem: string;
  rsaIntermediatePem: string;
  /** The key files, in the order asked for. */
  keyFiles: string[];
  /** Current CRLs of both CAs, for offices that import them from files. */
  crlFiles: string[];
  /** The demo NCA's time-stamping authority. */
  tsaUrl: string;
}
