"""Engines: what runs the analysers and the stages.

`local` (worker processes and one SQLite ledger) and `spark` (Apache Spark, for large
runs, with the same analysers and stages). The face (cli.py) calls them; they know no
NLP of their own.
"""
