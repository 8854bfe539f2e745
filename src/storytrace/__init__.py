"""storytrace: a traceable ledger of what the news says about an event."""

__version__ = "0.1.0"
