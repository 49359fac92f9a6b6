"""newskg: a knowledge-graph export pipeline for news articles."""

__version__ = "0.1.0"
