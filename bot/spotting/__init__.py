"""Every listed party a message names: words and runs (words.py), candidates judged by the
resolver (spotter.py)."""
