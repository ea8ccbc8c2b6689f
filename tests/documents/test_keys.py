"""`flask keys`: local CA and institution certificates, private keys 0600, passphrase, PKCS#12 import."""

import datetime as dt
import stat

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from mediation.documents import keys
from mediation.documents.operations import document_bytes
from mediation.documents.verification import verify_pdf
from tests.documents.helpers import notice


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_init_creates_root_and_institution_keys_readable_only_by_owner(db, make_app, tmp_path):
    from tests import factories

    app = make_app()
    with app.app_context():
        world = factories.make_world()
        result = app.test_cli_runner().invoke(args=["keys", "init"])
        assert result.exit_code == 0, result.output
        assert "root CA: created" in result.output
        key_path, cert_path = keys.root_paths()
        assert _mode(key_path) == 0o600 and _mode(keys.keys_dir()) == 0o700
        inst_dir = keys.institution_dir(world.committee1.id)
        assert _mode(inst_dir / "key.pem") == 0o600
        again = app.test_cli_runner().invoke(args=["keys", "init"])
        assert "root CA: exists" in again.output and "created: 0" in again.output
        out = tmp_path / "root.pem"
        assert app.test_cli_runner().invoke(args=["keys", "export-root", str(out)]).exit_code == 0
        assert out.read_bytes() == cert_path.read_bytes()
        listing = app.test_cli_runner().invoke(args=["keys", "list"]).output
        assert world.committee1.name in listing and "local" in listing
        db.session.remove()


def test_passphrase_encrypts_private_keys(make_app):
    app = make_app(KEY_PASSPHRASE="correct horse battery staple")
    with app.app_context():
        keys.ensure_root()
        assert b"ENCRYPTED PRIVATE KEY" in keys.root_paths()[0].read_bytes()


def _p12(name: str, password: bytes) -> bytes:
    now = dt.datetime.now(dt.UTC)
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "测试电子认证服务机构")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
          .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
          .not_valid_after(now + dt.timedelta(days=365))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
          .sign(ca_key, hashes.SHA256()))
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = (x509.CertificateBuilder().subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)]))
            .issuer_name(ca_name).public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=365))
            .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
            .sign(ca_key, hashes.SHA256()))
    return pkcs12.serialize_key_and_certificates(b"seal", key, cert, [ca],
                                                 serialization.BestAvailableEncryption(password))


def test_import_a_real_certificate_and_seal_with_it(world, runner, tmp_path):
    p12 = tmp_path / "seal.p12"
    p12.write_bytes(_p12(world.committee2.name + "（正式）", b"pw-2026"))
    result = runner.invoke(args=["keys", "import", world.committee2.short_name, str(p12), "--password", "pw-2026"])
    assert result.exit_code == 0, result.output
    document = notice(world, institution=world.committee2)
    verdict = verify_pdf(document_bytes(document))
    assert verdict.ok and verdict.signatures[0].signer == world.committee2.name + "（正式）"
    bad = runner.invoke(args=["keys", "import", world.committee2.short_name, str(p12), "--password", "wrong"])
    assert bad.exit_code != 0 and "PKCS#12" in bad.output
