"""The SparkSession a build runs in.

One job: get a session that honours what the user said, in this order:
1. a session already running in this process (under `spark-submit`, or one a caller
   or a test created) is used as it is;
2. otherwise PySpark starts the JVM with PYSPARK_SUBMIT_ARGS, or SPARK_SUBMIT_ARGS
   (`--master spark://host:7077 --executor-memory 8g ...`, the arguments of
   spark-submit) when only that one is set;
3. when neither names a master (nor $MASTER), the master is local: `local[N]` with
   N = --workers, else `local[*]` (every core), with half the machine's memory (at
   most 16g) for its JVM unless --driver-memory is given.

On a local master the Python workers run this interpreter (PYSPARK_PYTHON, when not
set), so they import the same storytrace and spaCy model.
"""

from __future__ import annotations

import os
import sys
from typing import Any, Optional

APP_NAME = "storytrace"


def get_session(workers: Optional[int] = None, app_name: str = APP_NAME, quiet: bool = False) -> Any:
    from pyspark import SparkContext
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    args = os.environ.get("PYSPARK_SUBMIT_ARGS")
    if not args:
        args = (os.environ.get("SPARK_SUBMIT_ARGS", "").strip() + " pyspark-shell").strip()
    if not args.rstrip().endswith("pyspark-shell"):
        args += " pyspark-shell"
    under_submit = "PYSPARK_GATEWAY_PORT" in os.environ  # spark-submit started the JVM with its own arguments
    if not under_submit and "--master" not in args and not os.environ.get("MASTER"):
        args = f"--master local[{workers if workers and workers > 0 else '*'}] " + args
        if "--driver-memory" not in args and "spark.driver.memory" not in args:
            # local mode runs everything in the driver's JVM: Spark's default 1g is too small for 100,000 documents
            args = f"--driver-memory {local_memory()} " + args
    saved = os.environ.get("PYSPARK_SUBMIT_ARGS")
    os.environ["PYSPARK_SUBMIT_ARGS"] = args
    try:
        SparkContext._ensure_initialized()  # starts the JVM with those arguments
    finally:
        if saved is None:
            os.environ.pop("PYSPARK_SUBMIT_ARGS", None)
        else:
            os.environ["PYSPARK_SUBMIT_ARGS"] = saved
    from pyspark import SparkConf

    conf = SparkConf()
    master = conf.get("spark.master", "local[*]")
    if master.startswith("local") and "PYSPARK_PYTHON" not in os.environ and not conf.contains("spark.pyspark.python"):
        os.environ["PYSPARK_PYTHON"] = sys.executable
    builder = SparkSession.builder.appName(app_name).config(conf=conf)
    if quiet and not conf.contains("spark.ui.showConsoleProgress"):
        builder = builder.config("spark.ui.showConsoleProgress", "false")
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel(os.environ.get("STORYTRACE_SPARK_LOG", "WARN"))
    return spark


def local_memory() -> str:
    """Half the machine's memory, between 1g and 16g: the JVM heap of a local master."""
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return "2g"
    return f"{max(1, min(16, total // 2**31))}g"


def local_session(master: str = "local[2]", app_name: str = APP_NAME, conf: Optional[dict] = None) -> Any:
    """A session on a local master for tests and benchmarks (SPARK_LOCAL_IP is set to
    127.0.0.1 unless given): small shuffles, no web UI, half the memory for the JVM."""
    from pyspark.sql import SparkSession

    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = (SparkSession.builder.master(master).appName(app_name)
               .config("spark.driver.memory", local_memory())
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.shuffle.partitions", "8"))
    for k, v in (conf or {}).items():
        builder = builder.config(k, v)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark
