import forge from 'node-forge';
import { createSign, createVerify, X509Certificate } from 'node:crypto';
import { parseDerExact, toDerBuffer } from '../signing/der';

/**
 * Certificate revocation lists (RFC 5280 §5): parsed with forge's ASN.1 reader (forge itself has no CRL
 * support, node:crypto neither), signatures checked with node:crypto. Full and delta CRLs.
 */
export class CrlError extends Error {
  constructor(readonly problem: 'malformed' | 'unsupported-algorithm') {
    super(`CRL: ${problem}`);
    this.name = 'CrlError';
  }
}

export interface RevokedEntry {
  serialHex: string;
  revokedAt: Date;
}

export interface Crl {
  der: Buffer;
  issuerDer: Buffer;
  thisUpdate: Date;
  nextUpdate: Date | null;
  crlNumber: number | null;
  /** For a delta CRL, the number of the full CRL it completes. */
  deltaOf: number | null;
  revoked: RevokedEntry[];
  tbsDer: Buffer;
  signatureAlgorithm: string;
  signature: Buffer;
}

const { asn1 } = forge;
type Node = forge.asn1.Asn1;
const OID_CRL_NUMBER = '2.5.29.20';
const OID_DELTA_CRL_INDICATOR = '2.5.29.27';
const HASH_BY_SIGNATURE_OID: Record<string, string> = {
  '1.2.840.113549.1.1.5': 'sha1',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
};

const kids = (n: Node | undefined): Node[] => (Array.isArray(n?.value) ? (n!.value as Node[]) : []);
const isTime = (n: Node | undefined) => n?.tagClass === asn1.Class.UNIVERSAL && (n.type === asn1.Type.UTCTIME || n.type === asn1.Type.GENERALIZEDTIME);
function time(n: Node): Date {
  return n.type === asn1.Type.UTCTIME ? asn1.utcTimeToDate(n.value as string) : asn1.generalizedTimeToDate(n.value as string);
}
function integerHex(n: Node): string {
  return forge.util.bytesToHex(n.value as string).replace(/^(00)+(?=.)/, '');
}
function integerNumber(n: Node): number {
  return parseInt(integerHex(n) || '0', 16);
}

function extensionsOf(list: Node | undefined): Map<string, Node> {
  const found = new Map<string, Node>();
  for (const ext of kids(list)) {
    const [oid, ...rest] = kids(ext);
    const value = rest[rest.length - 1];
    if (oid && value) found.set(asn1.derToOid(oid.value as string), asn1.fromDer(value.value as string));
  }
  return found;
}

export function parseCrl(bytes: Buffer): Crl {
  const text = bytes.toString('latin1');
  const der = text.includes('-----BEGIN X509 CRL-----')
    ? Buffer.from(text.replace(/-----(BEGIN|END) X509 CRL-----|\s+/g, ''), 'base64')
    : bytes;
  try {
    const [tbs, algorithm, signature] = kids(parseDerExact(der));
    const fields = [...kids(tbs)];
    if (!tbs || !algorithm || !signature) throw new Error('shape');
    if (fields[0]?.type === asn1.Type.INTEGER) fields.shift(); // version v2
    const [, issuer, thisUpdate, ...rest] = fields;
    if (!issuer || !isTime(thisUpdate)) throw new Error('shape');
    const nextUpdate = isTime(rest[0]) ? rest.shift()! : null;
    const revokedList = rest[0]?.type === asn1.Type.SEQUENCE ? rest.shift() : undefined;
    const crlExtensions = rest[0]?.tagClass === asn1.Class.CONTEXT_SPECIFIC ? extensionsOf(kids(rest[0])[0]) : new Map<string, Node>();
    const algorithmOid = asn1.derToOid(kids(algorithm)[0]!.value as string);
    const number = crlExtensions.get(OID_CRL_NUMBER);
    const delta = crlExtensions.get(OID_DELTA_CRL_INDICATOR);
    return {
      der,
      issuerDer: toDerBuffer(issuer),
      thisUpdate: time(thisUpdate!),
      nextUpdate: nextUpdate ? time(nextUpdate) : null,
      crlNumber: number ? integerNumber(number) : null,
      deltaOf: delta ? integerNumber(delta) : null,
      revoked: kids(revokedList).map((entry) => {
        const [serial, date] = kids(entry);
        return { serialHex: integerHex(serial!), revokedAt: time(date!) };
      }),
      tbsDer: toDerBuffer(tbs),
      signatureAlgorithm: algorithmOid,
      // BIT STRING: the first content byte counts unused bits.
      signature: Buffer.from((signature.value as string).slice(1), 'binary'),
    };
  } catch {
    throw new CrlError('malformed');
  }
}

/** The CRL was issued (named and signed) by this CA certificate. */
export function crlIssuedBy(crl: Crl, caDer: Buffer): boolean {
  const hash = HASH_BY_SIGNATURE_OID[crl.signatureAlgorithm];
  if (!hash) throw new CrlError('unsupported-algorithm');
  const { subject } = rawSubject(caDer);
  if (!subject.equals(crl.issuerDer)) return false;
  const verifier = createVerify(hash);
  verifier.update(crl.tbsDer);
  return verifier.verify(new X509Certificate(caDer).publicKey, crl.signature);
}

export function rawSubject(certDer: Buffer): { subject: Buffer; issuer: Buffer; serialHex: string } {
  const tbs = kids(kids(parseDerExact(certDer))[0]);
  const offset = tbs[0]?.tagClass === asn1.Class.CONTEXT_SPECIFIC ? 1 : 0;
  return { serialHex: integerHex(tbs[offset]!), issuer: toDerBuffer(tbs[offset + 2]!), subject: toDerBuffer(tbs[offset + 4]!) };
}

/** Issues a CRL (the demo and test PKI; the real ones come from NCA). */
export function issueCrl(
  ca: { certificateDer: Buffer; privateKeyPem: string },
  options: { revoked: RevokedEntry[]; thisUpdate: Date; nextUpdate: Date; crlNumber: number; deltaOf?: number },
): Buffer {
  const seq = (v: Node[]) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, v);
  const oid = (o: string) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(o).getBytes());
  const int = (hex: string) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, forge.util.hexToBytes(/^[89a-f]/i.test(hex) ? `00${hex}` : hex.length % 2 ? `0${hex}` : hex));
  const utc = (d: Date) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.UTCTIME, false, asn1.dateToUtcTime(d));
  const ext = (o: string, critical: boolean, value: Node) =>
    seq([oid(o), ...(critical ? [asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BOOLEAN, false, '\xff')] : []), asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, asn1.toDer(value).getBytes())]);
  const algorithm = seq([oid('1.2.840.113549.1.1.11'), asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, '')]);
  const extensions = [ext(OID_CRL_NUMBER, false, int(options.crlNumber.toString(16)))];
  if (options.deltaOf !== undefined) extensions.push(ext(OID_DELTA_CRL_INDICATOR, true, int(options.deltaOf.toString(16))));
  const tbs = seq([
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, '\x01'),
    algorithm,
    parseDerExact(rawSubject(ca.certificateDer).subject),
    utc(options.thisUpdate),
    utc(options.nextUpdate),
    ...(options.revoked.length ? [seq(options.revoked.map((r) => seq([int(r.serialHex), utc(r.revokedAt)])))] : []),
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [seq(extensions)]),
  ]);
  const tbsDer = toDerBuffer(tbs);
  const signature = createSign('sha256').update(tbsDer).sign(ca.privateKeyPem);
  return toDerBuffer(seq([tbs, algorithm, asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BITSTRING, false, `\x00${signature.toString('binary')}`)]));
}
