"""The delivery worker: takes due handoffs from the outbox and delivers them.

  python -m connectors.worker            run until stopped (SIGTERM/Ctrl-C)
  python -m connectors.worker --eenmalig deliver what is due now and stop

Several workers may run at once: each row is claimed with a lease token, renewed before
each delivery; only the holder of the current lease records the result (see outbox.py).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from typing import Dict, Optional

from sqlalchemy.engine import Engine

from bot.handoff import outbox
from bot.handoff.settings import ConfigError, Settings, from_env
from bot.modus import weiger_onveilig
from bot.settings import current as current_settings
from connectors.delivery import Connector, DeliveryError, build

logger = logging.getLogger("connectors.worker")


async def deliver_due(engine: Engine, connectors: Dict[str, Connector], settings: Settings) -> int:
    """One round: claims due rows and tries each once. Returns how many were claimed.

    The lease of each job is renewed just before its delivery; a job whose lease another
    worker took over meanwhile is skipped, and a late result of a lost lease changes nothing.
    """
    loop = asyncio.get_running_loop()
    jobs = await loop.run_in_executor(None, outbox.claim_due, engine, settings.policy)
    for job in jobs:
        if not await loop.run_in_executor(None, outbox.renew, engine, job, settings.policy):
            logger.warning(
                "aflevering %s (%s, overdracht %s): een andere worker heeft hem overgenomen; overgeslagen",
                job.id,
                job.connector,
                job.handoff_id,
            )
            continue
        connector = connectors.get(job.connector)
        try:
            if connector is None:
                raise DeliveryError(f"connector '{job.connector}' staat niet aan in HANDOFF_CONNECTORS")
            await connector.deliver(job.handoff_id, job.summary)
        except DeliveryError as error:
            status = outbox.mark_failed(engine, job, str(error), settings.policy, permanent=error.permanent)
            if status is None:
                _lost(job, f"mislukt ({error})")
                continue
            log = logger.error if status == outbox.DEAD else logger.warning
            log(
                "aflevering %s (%s, overdracht %s) poging %d mislukt: %s -> %s",
                job.id,
                job.connector,
                job.handoff_id,
                job.attempts + 1,
                error,
                status,
            )
        except Exception as error:  # a bug in a connector must not stop the other deliveries
            logger.exception("aflevering %s: onverwachte fout", job.id)
            if outbox.mark_failed(engine, job, f"onverwachte fout: {error!r}", settings.policy) is None:
                _lost(job, "onverwachte fout")
        else:
            if outbox.mark_delivered(engine, job):
                logger.info("aflevering %s (%s, overdracht %s) afgeleverd", job.id, job.connector, job.handoff_id)
            else:
                _lost(job, "afgeleverd")
    return len(jobs)


def _lost(job: outbox.Job, result: str) -> None:
    logger.warning(
        "aflevering %s (%s, overdracht %s): lease verlopen en overgenomen; resultaat '%s' niet vastgelegd",
        job.id,
        job.connector,
        job.handoff_id,
        result,
    )


async def run(engine: Engine, settings: Settings, stop: Optional[asyncio.Event] = None, once: bool = False) -> None:
    connectors = build(settings, engine)
    stop = stop or asyncio.Event()
    try:
        while not stop.is_set():
            tried = await deliver_due(engine, connectors, settings)
            if once and not tried:
                return
            if not tried:
                try:
                    await asyncio.wait_for(stop.wait(), timeout=settings.poll_seconds)
                except asyncio.TimeoutError:
                    pass
    finally:
        for connector in connectors.values():
            await connector.close()


async def sweep_contacts(stop: asyncio.Event, seconds: Optional[float] = None) -> None:
    """Every minute (SWEEP_SECONDS): contact details of handoff forms left behind in a
    conversation whose session expired are scrubbed from the tracker store (bot/privacy/sweep.py)."""
    from bot.privacy.sweep import sweep
    from bot.privacy.trackers import GeenTrackerStore, tracker_engine

    seconds = seconds if seconds is not None else current_settings().worker.sweep_seconds
    trackers = None
    while not stop.is_set():
        try:
            trackers = trackers or tracker_engine()
            await asyncio.get_running_loop().run_in_executor(None, sweep, trackers)
        except GeenTrackerStore as error:  # e.g. before Rasa created its SQLite file
            logger.debug("geen tracker store om op te ruimen: %s", error)
        except Exception as error:  # noqa: BLE001 - never stop delivering because of the sweep
            logger.warning("opruimen van contactgegevens mislukt: %s", type(error).__name__)
        try:
            await asyncio.wait_for(stop.wait(), timeout=seconds)
        except asyncio.TimeoutError:
            pass


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m connectors.worker", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--eenmalig", action="store_true", help="lever af wat nu klaarstaat en stop")
    args = parser.parse_args(argv)
    weiger_onveilig("De worker")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s  %(message)s")
    try:
        settings = from_env()
    except ConfigError as error:
        print(f"worker: {error}", file=sys.stderr)
        return 2
    problems = settings.problems()
    if problems:
        print("worker: instellingen kloppen niet: " + "; ".join(problems), file=sys.stderr)
        return 2
    from bot.store import db

    engine = db.get_engine()
    db.upgrade(engine)

    async def serve() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        logger.info("worker gestart: connectoren %s", ", ".join(settings.connectors))
        sweeper = None if args.eenmalig else asyncio.ensure_future(sweep_contacts(stop))
        await run(engine, settings, stop, once=args.eenmalig)
        if sweeper is not None:
            stop.set()
            await sweeper
        logger.info("worker gestopt")

    asyncio.run(serve())
    return 0


if __name__ == "__main__":
    sys.exit(main())
