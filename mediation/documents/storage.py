"""Generated files under `instance/documents/`, content-addressed by SHA-256 (write once, never
overwritten: a changed file is a new file). Multi-node deployments put this folder on a shared volume."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from flask import current_app


def documents_dir() -> Path:
    path = Path(current_app.instance_path) / "documents"
    path.mkdir(parents=True, exist_ok=True, mode=0o750)
    return path


def store(data: bytes, suffix: str = ".pdf") -> tuple[str, str]:
    """Write `data` once; returns (relative path, sha256)."""
    digest = hashlib.sha256(data).hexdigest()
    rel = f"{digest[:2]}/{digest}{suffix}"
    path = documents_dir() / rel
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o750)
        tmp = path.with_suffix(suffix + f".{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o640)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    return rel, digest


def load(rel: str) -> bytes:
    root = documents_dir().resolve()
    path = (root / rel).resolve()
    if not path.is_relative_to(root):
        raise FileNotFoundError(rel)
    return path.read_bytes()
