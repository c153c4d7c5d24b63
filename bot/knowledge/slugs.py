"""The route ids promised in docs/contract.md (the product's stable route slugs)."""

CONTRACT_ROUTE_IDS = frozenset(
    {
        "zib-po",
        "zib-vo-2e",
        "zib-vo-1e",
        "zib-vmbo-beroeps",
        "zib-mbo",
        "pdg-mbo",
        "pdc-instructeur-mbo",
        "pabo-deeltijd",
        "pabo-verkort",
        "empo",
        "academische-pabo",
        "tweedegraads-deeltijd",
        "kopopleiding",
        "educatieve-minor",
        "educatieve-module",
        "ulo-1jr",
        "educatieve-master-2jr",
        "hbo-master-1e",
        "beta4all",
        "alfa4all",
        "trainees-in-onderwijs",
        "duo-erkenning-buitenland",
        "orientatie",
    }
)
