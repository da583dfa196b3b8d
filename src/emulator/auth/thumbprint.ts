import { createHash, X509Certificate, type KeyObject } from "node:crypto";

export interface CertificateInfo {
  /** SHA-1 of the DER certificate, upper-case hex. */
  sha1Hex: string;
  /** base64url of the SHA-1 thumbprint: the JWT `x5t` header. */
  x5t: string;
  /** base64url of the SHA-256 thumbprint: the JWT `x5t#S256` header. */
  x5tS256: string;
  publicKey: KeyObject;
  subject: string;
}

// Parsing X.509 is the expensive part; certificates are few and long-lived, so keep them.
const cache = new Map<string, CertificateInfo>();

export function certificateThumbprints(pem: string): CertificateInfo {
  const cached = cache.get(pem);
  if (cached) return cached;
  const certificate = new X509Certificate(pem);
  const sha1 = createHash("sha1").update(certificate.raw).digest();
  const info: CertificateInfo = {
    sha1Hex: sha1.toString("hex").toUpperCase(),
    x5t: sha1.toString("base64url"),
    x5tS256: createHash("sha256").update(certificate.raw).digest("base64url"),
    publicKey: certificate.publicKey,
    subject: certificate.subject,
  };
  cache.set(pem, info);
  return info;
}
