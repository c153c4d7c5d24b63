"""Resident memory of the Rasa server before and after a batch of conversations.

Finds the process listening on the Rasa port through /proc (Linux).
"""

from __future__ import annotations

import argparse
import json
import os
import urllib.request
from pathlib import Path


def _rasa_pid(port: int) -> int:
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            parts = line.split()
            if int(parts[1].split(":")[1], 16) == port and parts[3] == "0A":
                inodes.add(parts[9])
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            for fd in os.listdir(f"/proc/{pid}/fd"):
                link = os.readlink(f"/proc/{pid}/fd/{fd}")
                if link.startswith("socket:[") and link[8:-1] in inodes:
                    return int(pid)
        except OSError:
            continue
    raise SystemExit(f"geen proces luistert op poort {port}")


def _rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rasa", default="http://localhost:5005")
    parser.add_argument("--messages", type=int, default=100)
    args = parser.parse_args()
    pid = _rasa_pid(int(args.rasa.rsplit(":", 1)[1]))
    before = _rss_mib(pid)
    story = [
        "hallo",
        "ik heb een wo-master scheikunde en werk 12 jaar als lab-analist",
        "nee",
        "nog geen bevoegdheid",
        "middelbare school",
        "nee",
        "deeltijd",
        "Utrecht",
    ]
    for i in range(args.messages):
        body = json.dumps({"sender": f"bench-{i // len(story)}", "message": story[i % len(story)]}).encode()
        request = urllib.request.Request(
            f"{args.rasa}/webhooks/rest/webhook", data=body, headers={"Content-Type": "application/json"}
        )
        urllib.request.urlopen(request, timeout=60).read()
    after = _rss_mib(pid)
    print(f"Rasa server memory (RSS): {before:.0f} MiB after loading, {after:.0f} MiB after {args.messages} messages")


if __name__ == "__main__":
    main()
