"""One raw HTTP request, exactly as given (bad bodies, odd headers), for the fuzz tests."""

from __future__ import annotations

import http.client
from typing import Dict, Optional, Tuple


def send(
    host: str, port: int, method: str, path: str, body: bytes = b"", headers: Optional[Dict[str, bytes]] = None
) -> Tuple[int, bytes]:
    """(status, body) of one request; the body is sent only with POST, with its length."""
    connection = http.client.HTTPConnection(host, port, timeout=60)
    try:
        connection.putrequest(method, path, skip_accept_encoding=True)
        for name, value in (headers or {}).items():
            connection.putheader(name, value)
        if method == "POST":
            connection.putheader("Content-Length", str(len(body)))
        connection.endheaders(body if method == "POST" else None)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()
