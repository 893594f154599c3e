import forge from 'node-forge';

type FromDer = (bytes: forge.util.ByteStringBuffer, options: { decodeBitStrings: boolean }) => forge.asn1.Asn1;

/**
 * Parses DER keeping BIT STRINGs opaque, so re-encoding gives back the same bytes (forge's typings
 * lag behind its options argument).
 */
export function parseDerExact(der: Buffer): forge.asn1.Asn1 {
  return (forge.asn1.fromDer as unknown as FromDer)(forge.util.createBuffer(der.toString('binary')), { decodeBitStrings: false });
}

export function toDerBuffer(node: forge.asn1.Asn1): Buffer {
  return Buffer.from(forge.asn1.toDer(node).getBytes(), 'binary');
}
