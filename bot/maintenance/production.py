"""Which model the bot serves, and the only way to change it: a promotion.

``make train`` writes the development model, bot/models/onderwijsloket.tar.gz. The model
in production is bot/models/productie/onderwijsloket.tar.gz; only ``make retrain`` writes
it, after the gate allowed the candidate. ``make run`` (scripts/run.sh) serves the
promoted model when there is one, else the development model (a fresh clone).

  python -m bot.maintenance.production pad       the model make run serves
  python -m bot.maintenance.production           the same, with its fingerprint and origin
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Optional

from bot.settings import ROOT, current

NAME = "onderwijsloket.tar.gz"
DEVELOPMENT = ROOT / "bot" / "models" / NAME
PRODUCTION_DIR = ROOT / "bot" / "models" / "productie"
RECORD = "gepromoveerd.json"


def production_dir() -> Path:
    return current().maintenance.productie_dir or PRODUCTION_DIR


def served_model(production: Optional[Path] = None, development: Path = DEVELOPMENT) -> Path:
    """The promoted model when there is one, else the development model."""
    promoted = (production or production_dir()) / NAME
    return promoted if promoted.exists() else development


def fingerprint(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:16]


def promote(
    candidate: Path,
    production: Optional[Path] = None,
    keep_previous_in: Optional[Path] = None,
    report: Optional[Path] = None,
) -> Path:
    """Makes ``candidate`` the served model (atomically); the previous promoted model is kept
    in ``keep_previous_in``. Only ``make retrain`` calls this, after the gate."""
    production = production or production_dir()
    production.mkdir(parents=True, exist_ok=True)
    target = production / NAME
    if target.exists() and keep_previous_in is not None:
        keep_previous_in.mkdir(parents=True, exist_ok=True)
        shutil.copy2(target, keep_previous_in / "vorige.tar.gz")
    handle, temporary = tempfile.mkstemp(prefix=".kandidaat.", suffix=".tmp", dir=production)
    os.close(handle)
    try:
        shutil.copyfile(candidate, temporary)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    (production / RECORD).write_text(
        json.dumps(
            {
                "vingerafdruk": fingerprint(target),
                "bron": str(candidate),
                "rapport": str(report) if report else None,
                "gepromoveerd_op": dt.datetime.now().isoformat(timespec="seconds"),
            },
            ensure_ascii=False,
            indent=2,
        )
    )
    return target


def describe(production: Optional[Path] = None) -> str:
    production = production or production_dir()
    model = served_model(production)
    if not model.exists():
        return f"Geen model: {model} bestaat niet. Train eerst (make train)."
    if model.parent == production:
        record = production / RECORD
        since = json.loads(record.read_text()).get("gepromoveerd_op") if record.exists() else "onbekend"
        return f"Gepromoveerd model {model} (vingerafdruk {fingerprint(model)}, gepromoveerd op {since})"
    return (
        f"Ontwikkelmodel {model} (vingerafdruk {fingerprint(model)}): nog geen gepromoveerd model; "
        "make retrain promoveert er een"
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot.maintenance.production",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("wat", nargs="?", choices=["pad", "uitleg"], default="uitleg")
    args = parser.parse_args(argv)
    print(served_model() if args.wat == "pad" else describe())
    return 0


if __name__ == "__main__":
    sys.exit(main())
