// Test certificates made at test time with the system's openssl (no fixtures with keys).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const run = (args: string[], cwd?: string) =>
  execFileSync("openssl", args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], cwd });

export function selfSignedCertificate(opts: { key?: "rsa:2048" | "rsa:1024" | "ec"; days?: number; cn?: string } = {}) {
  const key = opts.key ?? "rsa:2048";
  const keyArgs = key === "ec" ? ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"] : ["-newkey", key];
  return run(["req", "-x509", ...keyArgs, "-nodes", "-keyout", "/dev/null", "-subj", `/CN=${opts.cn ?? "idp.example.com"}`, "-days", String(opts.days ?? 365)]);
}

/** A certificate whose validity ended in 2020 (openssl req cannot back-date; openssl ca can). */
export function expiredCertificate() {
  const dir = mkdtempSync(path.join(tmpdir(), "roster-cert-"));
  try {
    run(["req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "k.pem", "-subj", "/CN=old.example.com", "-out", "r.csr"], dir);
    writeFileSync(path.join(dir, "index.txt"), "");
    writeFileSync(path.join(dir, "serial"), "01\n");
    writeFileSync(
      path.join(dir, "ca.cnf"),
      "[ca]\ndefault_ca=c\n[c]\ndatabase=index.txt\nserial=serial\nnew_certs_dir=.\ndefault_md=sha256\npolicy=p\n[p]\ncommonName=supplied\n",
    );
    run(["ca", "-batch", "-config", "ca.cnf", "-selfsign", "-keyfile", "k.pem", "-in", "r.csr", "-startdate", "20200101000000Z", "-enddate", "20200201000000Z", "-notext", "-out", "c.pem"], dir);
    return readFileSync(path.join(dir, "c.pem"), "utf8");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
