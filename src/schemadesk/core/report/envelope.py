"""What wraps a report's visible body: the markers around it and the embedded manifest, with the
hashes that let ``read_report`` refuse an edited report."""

from __future__ import annotations

import json
from typing import Any

from schemadesk import __version__
from schemadesk.core.report.manifest import Review, sha256

BODY_START = "<!--schemadesk:body-->"
BODY_END = "<!--/schemadesk:body-->"
MD_MANIFEST = "<!--schemadesk:manifest-->"


def generator() -> dict[str, str]:
    """The versions that decide the body's bytes (the SQL highlighting comes from Pygments)."""
    import pygments

    return {"schemadesk": __version__, "pygments": str(pygments.__version__)}


def embed_json(data: Any) -> str:
    """``data`` as indented JSON that cannot close the HTML script element it sits in."""
    text = json.dumps(data, sort_keys=True, indent=1, ensure_ascii=False)
    # Nothing inside the script element may close it: escape < > & as JSON escapes.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def envelope(review: Review, body: str) -> dict[str, Any]:
    """The embedded data: the manifest, its content hash and the visible body's hash."""
    return {
        "content_sha256": review.content_sha256,
        "body_sha256": sha256(body),
        "generator": generator(),
        "manifest": review.manifest,
    }
