"""The committed OpenAPI spec is the one the service serves."""

from __future__ import annotations

import json
from pathlib import Path

COMMITTED = Path(__file__).parent.parent.parent / "docs" / "openapi.json"


def test_committed_spec_matches_the_served_one(server):
    """docs/openapi.json equals /openapi.json; regenerate with `python -m replylint.server.openapi`."""
    served = server.get("/openapi.json").json()
    assert served == json.loads(COMMITTED.read_text(encoding="utf-8")), (
        "docs/openapi.json is stale: python -m replylint.server.openapi > docs/openapi.json"
    )


def test_spec_documents_every_endpoint_and_the_error_shape(server):
    """Every route is in the spec, with the JSON error answers of /v1 calls and the bearer scheme."""
    spec = server.get("/openapi.json").json()
    assert set(spec["paths"]) == {"/v1/lint", "/v1/lint/batch", "/v1/hooks/zendesk", "/v1/hooks/freshdesk",
                                  "/v1/rules", "/healthz", "/readyz"}
    lint = spec["paths"]["/v1/lint"]["post"]
    assert {"200", "401", "413", "422", "503"} <= set(lint["responses"])
    assert lint["responses"]["422"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorOut")
    assert "HTTPBearer" in spec["components"]["securitySchemes"]
