"""Container health probe: GET a health route of the bot on this host, exit 0 on HTTP 200.

Standard library only (the image has no curl). The port follows the bot's own rule: in
webhook mode (WEBHOOK_URL set) the routes are on PORT, in polling mode on HEALTH_PORT.

    python healthcheck.py [/healthz | /readyz]
"""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request

TIMEOUT_SECONDS = 4.0


def health_port(environ: dict[str, str]) -> str:
    if environ.get("WEBHOOK_URL"):
        return environ.get("PORT") or "8080"
    return environ.get("HEALTH_PORT") or environ.get("PORT") or "8080"


def main(argv: list[str]) -> int:
    route = argv[1] if len(argv) > 1 else "/healthz"
    url = f"http://127.0.0.1:{health_port(dict(os.environ))}{route}"
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT_SECONDS) as response:
            status = int(response.status)
    except urllib.error.HTTPError as error:
        status = error.code
    except OSError as error:
        print(f"healthcheck: {url}: {error}", file=sys.stderr)
        return 1
    if status != 200:
        print(f"healthcheck: {url}: HTTP {status}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
