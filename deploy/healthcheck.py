"""Docker's health check of a replica: exit 0 if /readyz answers 200 (the database answers).

It asks as nginx would: for a host the portal accepts and over the scheme nginx was reached by,
so that neither ALLOWED_HOSTS nor SECURE_SSL_REDIRECT turns a healthy replica into a 400 or 301.
"""

import os
import sys
import urllib.error
import urllib.request


def host_allowed() -> str:
    """The first of ALLOWED_HOSTS as a host name: ".example.kz" is example.kz, "*" localhost."""
    first = os.environ.get("ALLOWED_HOSTS", "").split(",")[0].strip().lstrip(".")
    return first if first and first != "*" else "localhost"


def main() -> int:
    request = urllib.request.Request(
        "http://127.0.0.1:8000/readyz",
        headers={"Host": host_allowed(), "X-Forwarded-Proto": "https"},
    )
    try:
        with urllib.request.urlopen(request, timeout=4) as answer:
            return 0 if answer.status == 200 else 1
    except (urllib.error.URLError, OSError) as error:
        print(f"/readyz: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
