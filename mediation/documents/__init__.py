"""Documents (文书): every generated PDF — agreements, session records, referral decisions,
minutes, 公开栏 notices — goes through this package.

Public API (import from the submodules; nothing heavy is imported before it is used):

    from mediation.documents.operations import issue_document, add_signature, document_bytes
    from mediation.documents.rendering import render_pdf
    from mediation.documents.verification import verify_pdf
    from mediation.documents.permissions import register_related

- `issue_document(actor, *, kind, institution, template, context, number, title="", related=None,
  sign=True, version=1, seal_anchor="seal") -> Document` renders `template` (which extends
  `documents/_pdf_base.html`) with `context`, seals it with the institution's certificate
  (PAdES certification signature, DocMDP "form filling" so notaries and courts can sign later;
  visible Chinese stamp placed on the element marked `data-anchor="seal"`), stores the file under
  `instance/documents/<sha[:2]>/<sha>.pdf` and records a `Document` with its SHA-256 and a
  12-character verification code (`/verify/<code>`, also printed with a QR code on every page).
  `related` is the model instance the document belongs to (or a `(type, id)` pair).
- `add_signature(actor, document, institution, reason="")` appends an approval signature in an
  incremental update (a notary's or court's); the earlier seal stays valid.
- `render_pdf(template, context, *, number, verification_url) -> bytes` renders without sealing.
- `verify_pdf(data) -> Verdict` gives pyHanko's full verdict per signature (bottom line, trust,
  coverage, modification level, DocMDP) against the local root and imported trust roots.
- `register_related(type_name, loader, view_action)`: a domain declares how to load the object
  its documents belong to and which permission shows them (`document.view` follows it).
  E.g. `register_related("agreement", lambda i: db.session.get(Agreement, i), "agreement.view")`.

Keys: `flask keys init | import INSTITUTION FILE.p12 | export-root PATH | list` (see keys.py);
missing keys are created on first use, so sealing never needs a manual step.
"""
