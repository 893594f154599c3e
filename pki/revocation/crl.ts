import forge from 'node-forge';
import { OID } from '../asn1/oids';
import { KeyAlgorithmError } from '../algorithms/public-key';
import { SignatureAlgorithmError, verifySignature } from '../algorithms/signatures';
import { readCertificate } from '../certificates/certificate';
import { children as kids, integerHex, integerNumber, isTime, parseDerExact, timeOf as time, toDerBuffer, type Node } from '../asn1/der';

/**
 * Certificate revocation lists (RFC 5280 §5): parsed with forge's ASN.1 reader (forge itself has no CRL
 * support, node:crypto neither), signatures checked by the algorithm they name (RSA or NCA's GOST). Full and
 * delta CRLs. The CA side
 * (issuing them) is the NCA simulator's, in registry/pki.
 */
export class CrlError extends Error {
  constructor(readonly problem: 'malformed' | 'unsupported-algorithm' | 'number-out-of-range') {
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
    const number = crlExtensions.get(OID.crlNumber);
    const delta = crlExtensions.get(OID.deltaCrlIndicator);
    const crlNumber = number ? integerNumber(number) : null;
    const deltaOf = delta ? integerNumber(delta) : null;
    // RFC 5280 allows 20 octets; numbers past 2^53 cannot be compared exactly here, and no NCA needs them.
    // One such CRL would otherwise outrank every genuine one that follows.
    if ([crlNumber, deltaOf].some((n) => n !== null && !Number.isSafeInteger(n))) throw new CrlError('number-out-of-range');
    return {
      der,
      issuerDer: toDerBuffer(issuer),
      thisUpdate: time(thisUpdate!),
      nextUpdate: nextUpdate ? time(nextUpdate) : null,
      crlNumber,
      deltaOf,
      revoked: kids(revokedList).map((entry) => {
        const [serial, date] = kids(entry);
        return { serialHex: integerHex(serial!), revokedAt: time(date!) };
      }),
      tbsDer: toDerBuffer(tbs),
      signatureAlgorithm: algorithmOid,
      // BIT STRING: the first content byte counts unused bits.
      signature: Buffer.from((signature.value as string).slice(1), 'binary'),
    };
  } catch (error) {
    if (error instanceof CrlError) throw error;
    throw new CrlError('malformed');
  }
}

/** The CRL was issued (named and signed) by this CA certificate. */
export function crlIssuedBy(crl: Crl, caDer: Buffer): boolean {
  const ca = readCertificate(caDer);
  if (!ca.subjectDer.equals(crl.issuerDer)) return false;
  try {
    return verifySignature({ algorithm: crl.signatureAlgorithm, publicKey: ca.spki, data: crl.tbsDer, signature: crl.signature });
  } catch (error) {
    if (error instanceof SignatureAlgorithmError) throw new CrlError('unsupported-algorithm');
    if (error instanceof KeyAlgorithmError) return false;
    throw error;
  }
}
