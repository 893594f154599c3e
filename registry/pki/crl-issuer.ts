import { createSign } from 'node:crypto';
import { algorithm, bool, explicit, octets, oid, parseDerExact, seq, toDerBuffer, unsignedInt, utcTime, bitString, children, type Node } from '../../domain/pki/der';
import { OID } from '../../domain/pki/oids';

const OID_CRL_NUMBER = '2.5.29.20';
const OID_DELTA_CRL_INDICATOR = '2.5.29.27';

export interface CrlEntry {
  serialHex: string;
  revokedAt: Date;
}

export interface CrlContent {
  revoked: CrlEntry[];
  thisUpdate: Date;
  nextUpdate: Date;
  crlNumber: number;
  /** For a delta CRL: the number of the full CRL it completes. */
  deltaOf?: number;
}

const hexInt = (hex: string) => unsignedInt(Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex'));
const numberInt = (n: number) => hexInt(n.toString(16));
const extension = (id: string, critical: boolean, value: Node) => seq([oid(id), ...(critical ? [bool(true)] : []), octets(toDerBuffer(value))]);

/** The certificate's subject exactly as encoded, to name the CRL's issuer. */
function subjectOf(certificateDer: Buffer): Node {
  const tbs = children(children(parseDerExact(certificateDer))[0]);
  const offset = tbs[0]?.tagClass === 0x80 ? 1 : 0;
  return tbs[offset + 4]!;
}

/** Issues a full or delta CRL (RFC 5280 §5) signed by the CA. */
export function issueCrl(ca: { certificateDer: Buffer; privateKeyPem: string }, content: CrlContent): Buffer {
  const signatureAlgorithm = algorithm(OID.sha256WithRsa);
  const extensions = [extension(OID_CRL_NUMBER, false, numberInt(content.crlNumber))];
  if (content.deltaOf !== undefined) extensions.push(extension(OID_DELTA_CRL_INDICATOR, true, numberInt(content.deltaOf)));
  const tbs = seq([
    numberInt(1),
    signatureAlgorithm,
    subjectOf(ca.certificateDer),
    utcTime(content.thisUpdate),
    utcTime(content.nextUpdate),
    ...(content.revoked.length ? [seq(content.revoked.map((r) => seq([hexInt(r.serialHex), utcTime(r.revokedAt)])))] : []),
    explicit(0, [seq(extensions)]),
  ]);
  const tbsDer = toDerBuffer(tbs);
  const signature = createSign('sha256').update(tbsDer).sign(ca.privateKeyPem);
  return toDerBuffer(seq([tbs, signatureAlgorithm, bitString(signature)]));
}
