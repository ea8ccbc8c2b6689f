"""Signing keys: a local root CA, one certificate per institution, imported PKCS#12 certificates.

Layout under `instance/keys/` (directory 0700, private keys 0600, encrypted with the config's
`KEY_PASSPHRASE` when it is set):

    root.key.pem  root.cert.pem          the local root CA (`flask keys export-root` hands it out)
    institution-<id>/key.pem cert.pem    the institution's seal key and certificate
    institution-<id>/chain.pem           intermediate/root certificates to embed in signatures
    trusted/*.pem                        extra trust roots (from imported PKCS#12 files)

Keys are created on demand: `ensure_institution_key(inst)` makes the root and the institution's
certificate when they are missing, so sealing works even if `flask keys init` was never run.
Parsing an RSA key costs milliseconds on every signature in pyHanko's SimpleSigner, so signers are
cached per process and per institution (invalidated when the files change).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from flask import current_app

ROOT_NAME = "网格调解与议事记录系统 本地根证书"
_lock = threading.Lock()
_signers: dict[tuple[str, int], tuple[float, object]] = {}


class KeyProblem(Exception):
    """A key or certificate that cannot be used (wrong passphrase, not a signing certificate...)."""


def keys_dir() -> Path:
    path = Path(current_app.instance_path) / "keys"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def _passphrase() -> bytes | None:
    value = current_app.config.get("KEY_PASSPHRASE") or ""
    return value.encode() if value else None


@contextlib.contextmanager
def _file_lock():
    """Serialise key creation across processes (several gunicorn workers may start at once)."""
    with _lock, open(keys_dir() / ".lock", "a") as fh:  # noqa: SIM117
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _write(path: Path, data: bytes, mode: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_suffix(path.suffix + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.chmod(tmp, mode)
    os.replace(tmp, path)


def _key_pem(key) -> bytes:
    pw = _passphrase()
    enc = serialization.BestAvailableEncryption(pw) if pw else serialization.NoEncryption()
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, enc)


def _load_key(path: Path):
    try:
        return serialization.load_pem_private_key(path.read_bytes(), password=_passphrase())
    except (TypeError, ValueError) as exc:
        raise KeyProblem(f"cannot read {path.name}: wrong or missing KEY_PASSPHRASE? ({exc})") from exc


def _name(common_name: str, org: str) -> x509.Name:
    return x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
        x509.NameAttribute(NameOID.COMMON_NAME, common_name),
    ])


def root_paths() -> tuple[Path, Path]:
    d = keys_dir()
    return d / "root.key.pem", d / "root.cert.pem"


def institution_dir(institution_id: int) -> Path:
    return keys_dir() / f"institution-{institution_id}"


def ensure_root() -> bool:
    """Create the local root CA if missing; True when created."""
    key_path, cert_path = root_paths()
    if cert_path.exists():
        return False
    with _file_lock():
        if cert_path.exists():
            return False
        key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
        now = dt.datetime.now(dt.UTC)
        name = _name(ROOT_NAME, current_app.config.get("SITE_NAME", "mediation"))
        cert = (
            x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=365 * 20))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False,
                                         key_encipherment=False, data_encipherment=False, key_agreement=False,
                                         key_cert_sign=True, crl_sign=True, encipher_only=False,
                                         decipher_only=False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256())
        )
        _write(key_path, _key_pem(key), 0o600)
        _write(cert_path, cert.public_bytes(serialization.Encoding.PEM), 0o644)
    return True


def ensure_institution_key(institution) -> bool:
    """Create the institution's seal certificate, signed by the local root, if missing."""
    directory = institution_dir(institution.id)
    if (directory / "cert.pem").exists():
        return False
    ensure_root()
    with _file_lock():
        if (directory / "cert.pem").exists():
            return False
        root_key_path, root_cert_path = root_paths()
        root_key = _load_key(root_key_path)
        root_cert = x509.load_pem_x509_certificate(root_cert_path.read_bytes())
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        now = dt.datetime.now(dt.UTC)
        cert = (
            x509.CertificateBuilder().subject_name(_name(institution.name, institution.name))
            .issuer_name(root_cert.subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=365 * 5))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True,
                                         key_encipherment=False, data_encipherment=False, key_agreement=False,
                                         key_cert_sign=False, crl_sign=False, encipher_only=False,
                                         decipher_only=False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()),
                           critical=False)
            .sign(root_key, hashes.SHA256())
        )
        _write(directory / "key.pem", _key_pem(key), 0o600)
        _write(directory / "cert.pem", cert.public_bytes(serialization.Encoding.PEM), 0o644)
        _write(directory / "chain.pem", root_cert.public_bytes(serialization.Encoding.PEM), 0o644)
        _write(directory / "source.txt", b"local\n", 0o644)
    return True


def import_pkcs12(institution, data: bytes, password: str | None) -> x509.Certificate:
    """Install a real certificate (PKCS#12) as the institution's seal; returns its certificate."""
    try:
        key, cert, extra = pkcs12.load_key_and_certificates(data, password.encode() if password else None)
    except ValueError as exc:
        raise KeyProblem(f"cannot open the PKCS#12 file: {exc}") from exc
    if key is None or cert is None:
        raise KeyProblem("the PKCS#12 file holds no private key and certificate")
    if not isinstance(key, rsa.RSAPrivateKey):
        raise KeyProblem("only RSA keys are supported")
    if key.public_key().public_numbers() != cert.public_key().public_numbers():
        raise KeyProblem("the private key does not match the certificate")
    directory = institution_dir(institution.id)
    chain = b"".join(c.public_bytes(serialization.Encoding.PEM) for c in extra or [])
    with _file_lock():
        _write(directory / "key.pem", _key_pem(key), 0o600)
        _write(directory / "cert.pem", cert.public_bytes(serialization.Encoding.PEM), 0o644)
        _write(directory / "chain.pem", chain, 0o644)
        _write(directory / "source.txt", b"imported\n", 0o644)
        for c in extra or []:
            if c.issuer == c.subject:  # a self-signed CA in the file: trust it for verification
                fp = c.fingerprint(hashes.SHA256()).hex()[:16]
                _write(keys_dir() / "trusted" / f"{fp}.pem", c.public_bytes(serialization.Encoding.PEM), 0o644)
    _signers.pop((str(keys_dir()), institution.id), None)
    return cert


def export_root(path: str | Path) -> None:
    ensure_root()
    Path(path).write_bytes(root_paths()[1].read_bytes())


def _pem_certs(path: Path) -> list[asn1_x509.Certificate]:
    if not path.exists():
        return []
    return [asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER))
            for c in x509.load_pem_x509_certificates(path.read_bytes())] if path.read_bytes().strip() else []


def trust_roots() -> list[asn1_x509.Certificate]:
    """The local root plus any trusted roots that came with imported certificates."""
    roots = _pem_certs(root_paths()[1])
    for extra in sorted((keys_dir() / "trusted").glob("*.pem")):
        roots += _pem_certs(extra)
    return roots


@dataclass
class CertificateInfo:
    subject: str
    issuer: str
    not_after: dt.datetime
    source: str


def certificate_info(institution_id: int) -> CertificateInfo | None:
    directory = institution_dir(institution_id)
    if not (directory / "cert.pem").exists():
        return None
    cert = x509.load_pem_x509_certificate((directory / "cert.pem").read_bytes())
    source = (directory / "source.txt").read_text().strip() if (directory / "source.txt").exists() else "?"
    return CertificateInfo(cert.subject.rfc4514_string(), cert.issuer.rfc4514_string(),
                           cert.not_valid_after_utc, source)


def signer_for(institution):
    """A pyHanko signer for the institution's seal, cached per process; creates keys on demand."""
    from pyhanko.sign.signers.pdf_cms import SimpleSigner
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    ensure_institution_key(institution)
    directory = institution_dir(institution.id)
    cache_key = (str(keys_dir()), institution.id)
    stamp = max((directory / n).stat().st_mtime for n in ("key.pem", "cert.pem", "chain.pem"))
    cached = _signers.get(cache_key)
    if cached and cached[0] == stamp:
        return cached[1]

    key = _load_key(directory / "key.pem")
    cert = _pem_certs(directory / "cert.pem")[0]
    chain = _pem_certs(directory / "chain.pem")

    class _CachedKeySigner(SimpleSigner):
        """SimpleSigner re-parses the private key on every signature; keep the parsed one."""

        def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
            from pyhanko.sign.general import get_pyca_cryptography_hash

            mechanism = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
            if mechanism == "rsassa_pkcs1v15":
                return key.sign(data, padding.PKCS1v15(), get_pyca_cryptography_hash(digest_algorithm))
            return super().sign_raw(data, digest_algorithm)

    der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    signer = _CachedKeySigner(signing_cert=cert, signing_key=asn1_keys.PrivateKeyInfo.load(der),
                              cert_registry=SimpleCertificateStore.from_certs(chain))
    _signers[cache_key] = (stamp, signer)
    return signer


def reset_cache() -> None:
    _signers.clear()
