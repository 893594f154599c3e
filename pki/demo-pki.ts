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

/** A key the demo NCA issues, written as an NCA-style .p12 named `<prefix><digest>.p12`. */
export interface DemoKeyRequest {
  prefix: string;
  person: KazakhPerson;
  purpose: 'signing' | 'authentication';
  roleOids: string[];
}

export interface DemoPkiFiles {
  dir: string;
  rootPem: string;
  intermediatePem: string;
  /** The key files, in the order asked for. */
  keyFiles: string[];
  /** Current CRLs of both CAs, for offices that import them from files. */
  crlFiles: string[];
  /** The demo NCA's time-stamping authority. */
  tsaUrl: string;
}
