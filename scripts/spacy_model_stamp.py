"""Writes the identity of the spaCy model the bot would use to a stamp file.

The file changes only when the model changes (for example after installing
nl_core_news_sm), so ``make`` retrains exactly then.
Usage: python scripts/spacy_model_stamp.py var/spacy-model.txt
"""

import sys
from pathlib import Path

from bot.nlu.language_model import configured_model, model_fingerprint

path = Path(sys.argv[1])
current = model_fingerprint(configured_model({})) + "\n"
if not path.exists() or path.read_text() != current:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(current)
