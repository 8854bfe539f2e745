"""Cross-document stages: ledger tables in, ledger tables out.

Each stage reads the per-document annotations (claims, quotes, terms, datings) and the
tables of the stages before it, joins and groups them, and (re)writes its own tables:
copied passages (reuse, fingerprint), stories, dating (dating, serials, datings),
events (events, placement), corrections, terms, figures. The engines (engines/) run
them in the order engines.local.CROSS_STAGES gives.
"""
