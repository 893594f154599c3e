import forge from 'node-forge';

/**
 * DER reading and writing on top of forge's ASN.1 codec, shared by the signing core (main/) and the
 * NCA simulator (registry/). forge parses and encodes; these helpers keep the call sites short.
 */
const { asn1 } = forge;
export type Node = forge.asn1.Asn1;
type FromDer = (bytes: forge.util.ByteStringBuffer, options: { decodeBitStrings: boolean }) => forge.asn1.Asn1;

/**
 * Parses DER keeping BIT STRINGs opaque, so re-encoding gives back the same bytes (forge's typings
 * lag behind its options argument).
 */
export function parseDerExact(der: Buffer): Node {
  return (forge.asn1.fromDer as unknown as FromDer)(forge.util.createBuffer(der.toString('binary')), { decodeBitStrings: false });
}

export function toDerBuffer(node: Node): Buffer {
  return Buffer.from(forge.asn1.toDer(node).getBytes(), 'binary');
}

// Writing
export const seq = (value: Node[]) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, value);
export const set = (value: Node[]) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, value);
export const oid = (value: string) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(value).getBytes());
export const octets = (bytes: Buffer) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, bytes.toString('binary'));
export const int = (n: number) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(n).getBytes());
/** A non-negative INTEGER from big-endian bytes (serial numbers, nonces). */
export const unsignedInt = (bytes: Buffer) => {
  let trimmed = bytes;
  while (trimmed.length > 1 && trimmed[0] === 0) trimmed = trimmed.subarray(1);
  const padded = trimmed[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed;
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, padded.toString('binary'));
};
export const nul = () => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, '');
export const bool = (value: boolean) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BOOLEAN, false, value ? '\xff' : '\x00');
export const enumerated = (n: number) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.ENUMERATED, false, String.fromCharCode(n));
export const generalizedTime = (d: Date) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.GENERALIZEDTIME, false, asn1.dateToGeneralizedTime(d));
export const utcTime = (d: Date) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.UTCTIME, false, asn1.dateToUtcTime(d));
export const ia5 = (text: string) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.IA5STRING, false, text);
export const bitString = (bytes: Buffer, unusedBits = 0) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BITSTRING, false, `${String.fromCharCode(unusedBits)}${bytes.toString('binary')}`);
export const utf8String = (text: string) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.UTF8, false, Buffer.from(text, 'utf8').toString('binary'));
export const printableString = (text: string) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.PRINTABLESTRING, false, text);
/** UTCTime until 2049, GeneralizedTime from 2050 (RFC 5280 §4.1.2.5). */
export const certificateTime = (d: Date) => (d.getUTCFullYear() < 2050 ? utcTime(d) : generalizedTime(d));
export const explicit = (tag: number, value: Node[]) => asn1.create(asn1.Class.CONTEXT_SPECIFIC, tag, true, value);
/** [tag] IMPLICIT of a primitive value (GeneralName's URI, for one). */
export const implicitPrimitive = (tag: number, bytes: string) => asn1.create(asn1.Class.CONTEXT_SPECIFIC, tag, false, bytes);
export const algorithm = (algorithmOid: string, withNullParameters = true) => seq([oid(algorithmOid), ...(withNullParameters ? [nul()] : [])]);

// Reading
export const children = (n: Node | undefined): Node[] => (Array.isArray(n?.value) ? (n!.value as Node[]) : []);
export const oidOf = (n: Node | undefined): string => (n && n.type === asn1.Type.OID && typeof n.value === 'string' ? asn1.derToOid(n.value) : '');
export const bytesOf = (n: Node | undefined): Buffer => Buffer.from(typeof n?.value === 'string' ? n.value : '', 'binary');
export const isContext = (n: Node | undefined, tag: number): boolean => n?.tagClass === asn1.Class.CONTEXT_SPECIFIC && n.type === tag;
export const isTime = (n: Node | undefined): boolean =>
  n?.tagClass === asn1.Class.UNIVERSAL && (n.type === asn1.Type.UTCTIME || n.type === asn1.Type.GENERALIZEDTIME);
export function timeOf(n: Node): Date {
  return n.type === asn1.Type.UTCTIME ? asn1.utcTimeToDate(n.value as string) : asn1.generalizedTimeToDate(n.value as string);
}
/** An INTEGER as lowercase hex without leading zero bytes. */
export function integerHex(n: Node): string {
  return forge.util.bytesToHex(n.value as string).replace(/^(00)+(?=.)/, '').toLowerCase();
}
export function integerNumber(n: Node): number {
  return parseInt(integerHex(n) || '0', 16);
}
/** BIT STRING content without its unused-bits byte (parsed with parseDerExact). */
export const bitStringBytes = (n: Node | undefined): Buffer => bytesOf(n).subarray(1);
