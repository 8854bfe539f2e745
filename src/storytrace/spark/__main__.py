"""`python -m storytrace.spark LEDGER INPUT...`: the Spark build (see submit.py)."""

import sys

from storytrace.spark.submit import main

sys.exit(main())
