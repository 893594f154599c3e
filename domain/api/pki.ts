import { z } from 'zod';
import { Line } from './text';
import { Base64, call, Empty, IsoInstant, KeyInput, MAX_DOCUMENT_BYTES, MAX_KEY_FILE_BYTES, Ok } from './call';

/** Keys, signatures and trust: what a key file holds, verification reports, the trust store and online PKI. */
/** A certificate's holder as Kazakh systems read it: CN, SURNAME, GIVENNAME (patronymic), IIN, BIN, O, roles. */
const CertificateHolder = z.object({
  surname: z.string().nullable(),
  patronymic: z.string().nullable(),
  iin: z.string().nullable(),
  bin: z.string().nullable(),
  organization: z.string().nullable(),
  roles: z.array(z.string()),
});

/** A key file's certificate, to show before anything is signed (and what `ajo key show` prints). */
export const KeyCertificate = CertificateHolder.extend({
  index: z.number().int(),
  commonName: z.string(),
  /** NCA's GOST 2015 keys serve both; its RSA keys come as a signing and a login key. */
  purpose: z.enum(['signing', 'authentication', 'both', 'other']),
  /** The key's algorithm: GOST R 34.10-2015 (512 or 256 bits), GOST 34.310-2004 (no longer signs), RSA. */
  algorithm: z.enum(['gost2015-512', 'gost2015-256', 'gost2004', 'rsa', 'other']),
  keyUsage: z.array(z.string()),
  notBefore: IsoInstant,
  notAfter: IsoInstant,
  issuer: z.string(),
  serial: z.string(),
});
export type KeyCertificate = z.infer<typeof KeyCertificate>;

const Revocation = z.enum(['good', 'revoked', 'unknown']);
export const RevocationReport = z.object({
  now: Revocation,
  atSigning: Revocation,
  revokedAt: z.string().nullable(),
  stale: z.boolean(),
  source: z.enum(['ocsp', 'crl']).nullable(),
});
export const TimestampReport = z.object({ time: z.string(), tsa: z.string(), serial: z.string(), valid: z.boolean(), problems: z.array(z.string()) });

export const SignatureReport = z.object({
  index: z.number().int(),
  signatureValid: z.boolean(),
  coversWholeFile: z.boolean(),
  subFilter: z.string().nullable(),
  signingTime: z.string().nullable(),
  signer: CertificateHolder.extend({ name: z.string() }).nullable(),
  certificate: z
    .object({
      notBefore: z.string(),
      notAfter: z.string(),
      validAtSigning: z.boolean().nullable(),
      issuer: z.string(),
      serial: z.string(),
      algorithm: z.enum(['gost2015-512', 'gost2015-256', 'gost2004', 'rsa', 'other']),
    })
    .nullable(),
  chainTrusted: z.boolean().nullable(),
  revocation: RevocationReport.nullable(),
  timestamp: TimestampReport.nullable(),
  /** The time the certificate was judged at: the time-stamp's when valid, else the signer's claim. */
  judgedAt: z.string().nullable(),
  problems: z.array(z.string()),
});
export const VerificationReport = z.object({
  /** A signed PDF, or a CMS file (.cms, .p7s) over its own content or a data file beside it. */
  format: z.enum(['pdf', 'cms']),
  file: z.object({ bytes: z.number().int(), sha256: z.string() }),
  /** For a CMS file: what was signed, carried in it (attached) or given beside it; null when neither. */
  content: z.object({ attached: z.boolean(), bytes: z.number().int(), sha256: z.string() }).nullable().optional(),
  signatures: z.array(SignatureReport),
  qr: z
    .object({
      kind: z.enum(['licence', 'conclusion', 'refusal']),
      number: z.string(),
      date: z.string(),
      status: z.enum(['matches-record', 'differs-from-record', 'not-in-this-office']),
      /** The fields of the office's record that the signed document says otherwise. */
      differences: z.array(z.string()),
    })
    .nullable(),
  valid: z.boolean(),
});
export type VerificationReport = z.infer<typeof VerificationReport>;

export const TrustEntry = z.object({
  sha256: z.string(),
  subject: z.string(),
  crl: z.object({ crlNumber: z.number().nullable(), nextUpdate: z.string().nullable(), stale: z.boolean() }).nullable(),
});

const PkiUrl = Line(500).pipe(z.string().regex(/^https?:\/\/[^\s/]+/, 'http(s) address'));
/** NCA's time-stamp policy for GOST 2015 tokens: since NCA moved to GOST 2015 the only one its TSA answers. */
export const NCA_TSA_POLICY = '1.2.398.3.3.2.6.4';
const Oid = z.string().max(200).regex(/^[0-2](\.(0|[1-9][0-9]{0,9})){1,30}$/, 'object identifier');
export const NetworkSettings = z.object({
  online: z.boolean(),
  tsaUrl: PkiUrl.nullable(),
  /** The policy asked of the TSA; null: none (a TSA that knows no policies). */
  tsaPolicy: Oid.nullable().default(NCA_TSA_POLICY),
  ocspUrl: PkiUrl.nullable(),
});

export const pkiCalls = {
  'keys.inspect': call({ args: z.object(KeyInput).strict(), result: z.array(KeyCertificate), access: 'signed-in' }),
  'trust.list': call({
    args: Empty,
    result: z.object({ certificates: z.array(TrustEntry), staleRule: z.enum(['warn', 'block']), network: NetworkSettings }),
    access: ['admin'],
  }),
  'trust.addCertificates': call({
    args: z.object({ contentBase64: Base64(MAX_KEY_FILE_BYTES * 4) }).strict(),
    result: z.object({ added: z.number().int() }),
    access: ['admin'],
  }),
  'trust.importCrl': call({
    args: z.object({ contentBase64: Base64(MAX_DOCUMENT_BYTES) }).strict(),
    result: z.object({ issuer: z.string(), kind: z.enum(['full', 'delta']), crlNumber: z.number().nullable(), nextUpdate: z.string().nullable(), entries: z.number().int(), replaced: z.boolean() }),
    access: ['admin'],
  }),
  'trust.setStaleRule': call({ args: z.object({ rule: z.enum(['warn', 'block']) }).strict(), result: Ok, access: ['admin'] }),
  /** Whether the office goes online for CRLs, OCSP and time-stamps, and which TSA (and OCSP responder, if not the certificate's) it asks. */
  'trust.setNetwork': call({ args: NetworkSettings.strict(), result: Ok, access: ['admin'] }),
} as const;
