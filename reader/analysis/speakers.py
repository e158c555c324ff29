"""The speakers stage: who said each quote (per article), then one speaker per person.

`attribute` works on one article and depends on nothing else, so the pipeline can cache and
parallelise it; `merge_speakers` runs once over the whole collection.
"""

from reader.analysis.attribution import attribute
from reader.analysis.merge import merge_speakers

__all__ = ["attribute", "merge_speakers"]
