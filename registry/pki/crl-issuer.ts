import { certificateParts } from '../../pki/asn1/certificate-parts';
import { bool, explicit, octets, oid, seq, toDerBuffer, unsignedInt, utcTime, type Node } from '../../pki/asn1/der';
import { OID } from '../../pki/asn1/oids';
import { signatureAlgorithmOf, signStructure, type Issued } from './certificates';

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

/** Issues a full or delta CRL (RFC 5280 §5) signed by the CA with its own kind of key (GOST 2015 or RSA). */
export function issueCrl(ca: Issued, content: CrlContent): Buffer {
  const signatureAlgorithm = signatureAlgorithmOf(ca);
  const extensions = [extension(OID.crlNumber, false, numberInt(content.crlNumber))];
  if (content.deltaOf !== undefined) extensions.push(extension(OID.deltaCrlIndicator, true, numberInt(content.deltaOf)));
  const tbs = seq([
    numberInt(1),
    signatureAlgorithm,
    certificateParts(ca.certificateDer).subject,
    utcTime(content.thisUpdate),
    utcTime(content.nextUpdate),
    ...(content.revoked.length ? [seq(content.revoked.map((r) => seq([hexInt(r.serialHex), utcTime(r.revokedAt)])))] : []),
    explicit(0, [seq(extensions)]),
  ]);
  return signStructure(ca, tbs);
}
