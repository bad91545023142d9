"""Print the service's OpenAPI spec: `python -m replylint.server.openapi > docs/openapi.json`."""

from __future__ import annotations

import json

from .app import create_app
from .settings import Settings


def spec() -> dict:
    """Return the OpenAPI document the app serves at /openapi.json (it does not depend on the settings)."""
    return create_app(Settings()).openapi()


if __name__ == "__main__":
    print(json.dumps(spec(), indent=2, ensure_ascii=False))
