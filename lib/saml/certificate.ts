// Parses and checks an IdP signing certificate (PEM X.509 with an RSA ≥ 2048-bit or EC key).
import { X509Certificate } from "node:crypto";

export interface CertificateInfo {
  subject: string;
  validTo: Date;
  keyType: string;
}

const PEM_RE = /^-----BEGIN CERTIFICATE-----\r?\n[A-Za-z0-9+/=\r\n]+-----END CERTIFICATE-----\s*$/;

/** Returns the certificate's facts, or a human reason why it is not acceptable. */
export function inspectCertificate(pem: string): { ok: true; info: CertificateInfo; pem: string } | { ok: false; reason: string } {
  const text = pem.trim() + "\n";
  if (!PEM_RE.test(text)) return { ok: false, reason: "Certificate must be one PEM block (-----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----)" };
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(text);
  } catch {
    return { ok: false, reason: "Certificate could not be parsed as X.509" };
  }
  const key = cert.publicKey;
  const type = key.asymmetricKeyType;
  if (type === "rsa" || type === "rsa-pss") {
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    if (bits < 2048) return { ok: false, reason: `Certificate has a ${bits}-bit RSA key; at least 2048 bits are required` };
  } else if (type !== "ec") {
    return { ok: false, reason: "Certificate must carry an RSA (2048 bits or more) or EC key" };
  }
  return {
    ok: true,
    pem: text,
    info: { subject: cert.subject.replace(/\n/g, ", "), validTo: new Date(cert.validTo), keyType: type },
  };
}
