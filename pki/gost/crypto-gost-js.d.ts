/** The part of @wavesenterprise/crypto-gost-js used here (the package ships no types). */
declare module '@wavesenterprise/crypto-gost-js' {
  interface GostDigestInstance {
    digest(data: ArrayBuffer | ArrayBufferView): ArrayBuffer;
  }
  interface GostDigestAlgorithm {
    name: 'GOST R 34.11';
    version: 1994 | 2012;
    length?: 256 | 512;
    /** GOST 28147-89 S-box of the 1994 hash: 'D-TEST' (the standard's test set) or 'D-A' (CryptoPro). */
    sBox?: 'D-TEST' | 'D-A';
  }
  const gost: { GostEngine: { getGostDigest(algorithm: GostDigestAlgorithm): GostDigestInstance } };
  export default gost;
}
