"""The baseline: the same spaCy model over the same texts with plain `nlp.pipe`, nothing else."""

from __future__ import annotations

import sys
from pathlib import Path

from kantcheck.ingest.read import decode
from kantcheck.nlp.model import load_model


def main() -> None:
    folder, n_process = Path(sys.argv[1]), int(sys.argv[2])
    texts = [decode(p.read_bytes()) for p in sorted(folder.glob("*.txt"))]
    nlp, _ = load_model()
    for _doc in nlp.pipe(texts, batch_size=16, n_process=n_process):
        pass


if __name__ == "__main__":
    main()
