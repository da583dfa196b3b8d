/**
 * Certificates the emulator makes at start: the TLS server certificate (self-signed, so the same
 * PEM is the CA file clients trust) and one client certificate per tenant for certificate
 * credentials. Written to the state directory so other processes can read them.
 */
import { randomUUID } from "node:crypto";
import { writeFile } from "node:fs/promises";
import * as path from "node:path";
import { generate } from "selfsigned";
import { EMULATOR_CERTIFICATE_CN } from "../world/runCredentials";
import { certificateThumbprints } from "./thumbprint";

export interface TlsMaterial {
  key: string;
  cert: string;
  /** The CA file (the certificate itself, PEM). */
  caCertPath: string;
}

export interface ClientCertificate {
  /** Private key and certificate in one PEM, as ClientCertificateCredential reads it. */
  pemPath: string;
  /** Certificate only (what a caller registers). */
  certificatePem: string;
  privateKeyPem: string;
  /** SHA-1 thumbprint, upper-case hex (what Entra shows as the credential's thumbprint). */
  thumbprint: string;
}

const TEN_YEARS_MS = 10 * 365 * 24 * 3600 * 1000;

export async function createTlsMaterial(stateDir: string): Promise<TlsMaterial> {
  const notBeforeDate = new Date(Date.now() - 60_000);
  const pems = await generate(
    // A subject of its own per run: a client trusting two emulators at once (one per cloud,
    // decisions/0131) finds each certificate by subject, so equal subjects would shadow one.
    [{ name: "commonName", value: `${EMULATOR_CERTIFICATE_CN} localhost ${randomUUID()}` }],
    {
      keySize: 2048,
      algorithm: "sha256",
      notBeforeDate,
      notAfterDate: new Date(notBeforeDate.getTime() + TEN_YEARS_MS),
      extensions: [
        // The certificate is its own CA: clients trust it directly through the CA file.
        { name: "basicConstraints", cA: true, critical: true },
        { name: "keyUsage", digitalSignature: true, keyEncipherment: true, keyCertSign: true },
        { name: "extKeyUsage", serverAuth: true },
        {
          name: "subjectAltName",
          altNames: [
            { type: 7, ip: "127.0.0.1" },
            { type: 2, value: "localhost" },
          ],
        },
      ],
    },
  );
  const caCertPath = path.join(stateDir, "emulator-ca.pem");
  await writeFile(caCertPath, pems.cert, { mode: 0o644 });
  return { key: pems.private, cert: pems.cert, caCertPath };
}

export async function createClientCertificate(
  stateDir: string,
  label: string,
): Promise<ClientCertificate> {
  const notBeforeDate = new Date(Date.now() - 60_000);
  const pems = await generate(
    [{ name: "commonName", value: `${EMULATOR_CERTIFICATE_CN} ${label}` }],
    {
      keySize: 2048,
      algorithm: "sha256",
      notBeforeDate,
      notAfterDate: new Date(notBeforeDate.getTime() + TEN_YEARS_MS),
      extensions: [
        { name: "basicConstraints", cA: false },
        { name: "keyUsage", digitalSignature: true },
        { name: "extKeyUsage", clientAuth: true },
      ],
    },
  );
  const pemPath = path.join(stateDir, `client-${label}.pem`);
  // Private key first, then the certificate: the layout @azure/identity expects.
  await writeFile(pemPath, `${pems.private.trim()}\n${pems.cert.trim()}\n`, { mode: 0o600 });
  return {
    pemPath,
    certificatePem: pems.cert,
    privateKeyPem: pems.private,
    thumbprint: certificateThumbprints(pems.cert).sha1Hex,
  };
}
