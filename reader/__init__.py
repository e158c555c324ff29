"""Stance Reader: who is quoted in a collection of news articles, their stance, and the links."""

# Part of every analysis cache key (reader/store.py): bump it when a change to the analysis
# changes its results in a way the source digest cannot see (e.g. a dependency's behaviour).
ANALYSER_VERSION = "1"
