"""`python -m storytrace.engines.spark LEDGER INPUT...`: the Spark build (see submit.py)."""

import sys

from .submit import main

sys.exit(main())
