"""Benchmark: render the agreement, render + seal it, and WeasyPrint alone on the same HTML.

    .venv/bin/python bench/documents.py [--runs 15]

Builds a throwaway instance (SQLite in a temporary folder) with the demo data, takes the first demo
agreement's final HTML (with its signature images) and reports medians measured in the same run:
  - weasyprint: HTML(string).write_pdf() with the default fetcher, nothing else;
  - render: our renderer (locked-down fetcher, anchor lookup) on the same HTML;
  - render+seal: render, then the PAdES certification signature with the visible stamp.
Goal (issue 4): render + seal ≤ 1.2 × WeasyPrint alone. The first seal of a process pays for the
key parse and the stamp font subset; those are cached, so warm-up runs are excluded.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    from mediation import create_app
    from mediation.extensions import db

    instance = tempfile.mkdtemp(prefix="bench-docs-")
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance}/bench.db"}, instance_path=instance)
    with app.app_context(), app.test_request_context():
        db.create_all()
        from mediation.agreements import demo
        from mediation.demo import foundation

        foundation.seed("bench-pass-2026")
        demo.seed("bench-pass-2026")
        db.session.commit()
        html, agreement = _agreement_html()

        from weasyprint import HTML

        from mediation.documents import rendering, signing

        def weasy():
            HTML(string=html, base_url=rendering.static_root().as_uri() + "/").write_pdf()

        def render():
            return rendering.html_to_pdf(html)

        def render_seal():
            rendered = rendering.html_to_pdf(html)
            anchor = rendered.anchors["seal"]
            signing.sign_pdf(rendered.pdf, agreement.committee, certify=True, field_name="Seal",
                             reason="bench", stamp=signing.StampBox(anchor.page, anchor.box))

        for fn in (weasy, render, render_seal):  # warm-up: fonts, key parse, stamp font subset
            fn()
        times: dict[str, list[float]] = {"weasyprint": [], "render": [], "render+seal": []}
        for _ in range(args.runs):  # interleaved, so machine noise hits all three alike
            for name, fn in (("weasyprint", weasy), ("render", render), ("render+seal", render_seal)):
                t = time.perf_counter()
                fn()
                times[name].append(time.perf_counter() - t)
        med = {k: statistics.median(v) for k, v in times.items()}
        pages = render().pages
        print(f"agreement {agreement.number}: {pages} pages, {args.runs} runs each (medians)")
        for name in ("weasyprint", "render", "render+seal"):
            print(f"  {name:<12} {med[name] * 1000:8.1f} ms   ({med[name] / med['weasyprint']:.2f}× WeasyPrint)")
        seal_only = med["render+seal"] - med["render"]
        print(f"  seal alone   {seal_only * 1000:8.1f} ms")
        goal = med["render+seal"] <= 1.2 * med["weasyprint"]
        print(f"goal render+seal ≤ 1.2× WeasyPrint: {'met' if goal else 'NOT met'}")


def _agreement_html():
    import json

    from sqlalchemy import select

    from mediation.agreements import content, images
    from mediation.agreements.models import Agreement
    from mediation.documents import codes, rendering
    from mediation.extensions import db

    agreement = db.session.scalars(select(Agreement).where(Agreement.form == "written").order_by(Agreement.id)).first()
    version = agreement.current_version
    sigs = [{"name": s.signer_name, "role": "当事人", "method": s.method, "is_scan": False, "sha": s.image_sha256,
             "image": images.data_uri(s.image_path, s.image_type), "at": "2026-05-01 10:00"}
            for s in agreement.active_signatures]
    ctx = content.pdf_context(agreement, json.loads(version.content_json), sigs, version_sha256=version.sha256)
    code = codes.new_code()
    html = rendering.render_html("agreements/pdf.html", ctx, number=agreement.number,
                                 verification_url=f"http://127.0.0.1:5000/verify/{code}",
                                 verification_code=codes.display(code), title="人民调解协议书")
    return html, agreement


if __name__ == "__main__":
    main()
