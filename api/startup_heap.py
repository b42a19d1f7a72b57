"""Long-lived processes leave the objects they built at start-up out of Python's cyclic garbage
collection.

A process that has loaded its models, vocabulary, queries and store holds some 200,000 tracked objects
that live as long as it does. Each full collection walked all of them, and one fell on whichever
request or document happened to trigger it: at 10,000 documents a 5,000-row canned query took
about 25 ms, or 120 ms when a collection fell in it, and extraction spent 8% of its time collecting
(docs/benchmarks.md, "Garbage collection"). Frozen objects are still freed by reference counting
when nothing refers to them; only cycles among them would outlive their use.
"""

from __future__ import annotations

import gc


def freeze_startup_heap() -> None:
    """Collect what start-up left behind, then move every object alive now to the permanent
    generation, which later collections do not walk."""
    gc.collect()
    gc.freeze()
