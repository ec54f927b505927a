"""One cold extraction pass for callgrind: instruction counts are steady where wall-clock figures
on a shared machine drift ±10 %, so two versions' counts tell a 0.2 % difference apart.

The texts are extracted once (the word-keyed memos filled, as in a build), the per-sentence memos
emptied (bench_extract.forget_sentences), then extracted again inside `functools.reduce`, the one
C function callgrind is told to count in (``--toggle-collect``): start-up, the gazetteer load and
the first pass stay out of the count. Fix the hash seed: set and dict orders move the counts by
~0.1–0.3 % between runs otherwise. Usage (SRC: a checkout's src/, "" for the installed one):
    PYTHONHASHSEED=0 valgrind --tool=callgrind --toggle-collect=functools_reduce \\
        --callgrind-out-file=OUT python benchmarks/callgrind_extract.py SRC TEXTS.jsonl [STRIDE]
    callgrind_annotate OUT          # instructions by C function (the interpreter, sre, Aho-Corasick)
STRIDE: every STRIDE-th text only (4: the 138 of open10's 551 pages, ~5 minutes under callgrind).
"""

import functools
import sys
from pathlib import Path

if sys.argv[1]:
    sys.path.insert(0, sys.argv[1])
sys.path.append(str(Path(__file__).resolve().parent))  # (bench_extract, after the code measured)

from bench_extract import forget_sentences  # noqa: E402
from partnergraph.extract.extractor import Extractor  # noqa: E402
from partnergraph.models import Article  # noqa: E402
from partnergraph.sources import read_path  # noqa: E402

docs = [a for a in read_path(Path(sys.argv[2])) if isinstance(a, Article)][::int(sys.argv[3]) if len(sys.argv) > 3 else 1]
extractor = Extractor()
for doc in docs:
    extractor.extract(doc)
forget_sentences(extractor)
functools.reduce(lambda _, doc: extractor.extract(doc), docs, None)
print(sys.modules["partnergraph"].__file__, len(docs), "texts", file=sys.stderr)
