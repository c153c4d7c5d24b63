"""Command line for the knowledge base.

  python -m bot.knowledge check [--max-dagen N] [--inhoud MAP]   content valideren
  python -m bot.knowledge load [--url URL]                         schema bijwerken en inhoud laden

``make kb-check`` runs ``check`` and then ``python -m bot.advice.coverage`` (does the advice
engine reach every route?); the knowledge base does not import the advice engine.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.knowledge.check import DEFAULT_MAX_AGE_DAYS, check
from bot.knowledge.content import CONTENT_DIR
from bot.settings import current


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.knowledge", description="Kennisbank van Onderwijsloket Intake")
    commands = parser.add_subparsers(dest="command", required=True)
    check_cmd = commands.add_parser("check", help="inhoud valideren")
    check_cmd.add_argument(
        "--max-dagen",
        type=int,
        default=current().maintenance.kb_max_days,
        help=f"hoe oud een bron mag zijn (standaard {DEFAULT_MAX_AGE_DAYS}, of KB_MAX_DAGEN)",
    )
    check_cmd.add_argument("--inhoud", type=Path, default=CONTENT_DIR, help="map met de inhoudsbestanden")
    load_cmd = commands.add_parser("load", help="schema bijwerken (migraties) en inhoud laden")
    load_cmd.add_argument("--url", default=None, help="database-URL (standaard ONDERWIJSLOKET_DB_URL of SQLite)")
    args = parser.parse_args(argv)

    if args.command == "check":
        problems = check(args.inhoud, args.max_dagen)
        for problem in problems:
            print(f"FOUT: {problem}", file=sys.stderr)
        if problems:
            print(f"kb-check: {len(problems)} fout(en) in {args.inhoud}", file=sys.stderr)
            return 1
        print(f"kb-check: in orde ({args.inhoud})")
        return 0

    from bot.knowledge.load import load, read_content
    from bot.store import db

    engine = db.get_engine(args.url)
    db.upgrade(engine)
    changed = load(engine, read_content())
    print(f"kennisbank: {'geladen' if changed else 'al actueel'} ({engine.url.render_as_string(hide_password=True)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
