"""The intaker inbox.

python -m connectors.inbox serve [--port 5080]
python -m connectors.inbox intaker-toevoegen GEBRUIKERSNAAM [--naam "Naam"]
    (wachtwoord: gevraagd, of uit INTAKER_WACHTWOORD)
"""

from __future__ import annotations

import argparse
import getpass
import sys

from aiohttp import web

from bot.modus import weiger_onveilig
from bot.settings import current as settings
from bot.store import db
from connectors.inbox import auth
from connectors.inbox.app import create_app


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m connectors.inbox", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    inbox = settings().inbox
    serve = commands.add_parser("serve", help="de inbox starten")
    serve.add_argument("--port", type=int, default=inbox.port)
    serve.add_argument("--host", default=inbox.host)
    add = commands.add_parser("intaker-toevoegen", help="een account voor een intaker maken")
    add.add_argument("gebruikersnaam")
    add.add_argument("--naam", default="")
    args = parser.parse_args(argv)
    if args.command == "serve":
        weiger_onveilig("De inbox")

    engine = db.get_engine()
    db.upgrade(engine)
    if args.command == "intaker-toevoegen":
        password = inbox.intaker_password
        if not password:
            password = getpass.getpass("Wachtwoord (minstens 10 tekens): ")
            if password != getpass.getpass("Nog een keer: "):
                print("De wachtwoorden zijn niet gelijk.", file=sys.stderr)
                return 1
        try:
            auth.add_intaker(engine, args.gebruikersnaam, args.naam or args.gebruikersnaam, password)
        except auth.AccountError as error:
            print(f"Niet gelukt: {error}", file=sys.stderr)
            return 1
        print(f"Intaker '{args.gebruikersnaam.lower()}' is aangemaakt.")
        return 0
    web.run_app(
        create_app(engine, secure_cookies=inbox.secure_cookies),
        host=args.host,
        port=args.port,
        print=lambda *_: print(f"Inbox op http://{args.host}:{args.port}/", flush=True),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
