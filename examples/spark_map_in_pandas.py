"""Decode, normalise and link a folder of text files on Spark with ``DataFrame.mapInPandas``, writing JSON.

    pip install sinoviet pyspark pandas pyarrow
    python examples/spark_map_in_pandas.py seeds/ out/ [--glob '*.txt'] [--no-unknown] [--lexicon FILE]

What a fresh machine needs:

* ``pip install sinoviet pyspark pandas pyarrow``: pyarrow is what carries the rows between the JVM
  and the Python workers in ``mapInPandas`` (``spark.sql.execution.arrow.pyspark.enabled`` is
  for ``toPandas``/``createDataFrame`` and is not needed here; pyarrow is);
* a Java runtime Spark supports (17 works): ``java`` on the PATH or ``JAVA_HOME``;
* ``PYSPARK_PYTHON`` and ``PYSPARK_DRIVER_PYTHON`` naming the interpreter that has sinoviet, or the
  executors start a ``python3`` that may lack it. This script sets both to its own interpreter
  (``sys.executable``) when they are unset; on a cluster, point them at the executors' Python.

Files are read as bytes (``binaryFile``, recursed, ``--glob``), not with ``spark.read.text``,
which decodes UTF-8 only: a TCVN3 or VNI file is decoded here as ``sinoviet link`` decodes it.
Decoding, normalising and linking run in one ``mapInPandas`` (``toolkit.corpus.spark.Chain``)
so that each file's lines are linked together, as the CLI links a file: a short form on a
later line (``Wang``, ``ông Ninh``) reaches the full name on an earlier one.

Each output row is one line: ``file`` (the local path, as the CLI writes it), ``line``, ``text``,
``text_normalised`` and ``mentions`` (offsets in ``text_normalised``; the CLI's ``start``/``end`` in
the line wherever normalising keeps the line's length, as it does for tone marks); a file that
cannot be decoded gives one row with ``error`` instead.
"""

from __future__ import annotations

import argparse
import os
import sys


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", help="a folder (recursed) or a file")
    parser.add_argument("output", help="folder for Spark's part-*.json files")
    parser.add_argument("--glob", default="*.txt", help="which file names to read")
    parser.add_argument("--encoding", default="auto", help="as sinoviet --encoding (auto detects legacy encodings)")
    parser.add_argument("--tone-style", default="old", choices=("old", "new", "keep"))
    parser.add_argument("--no-unknown", action="store_true", help="known entities only")
    parser.add_argument("--lexicon", action="append", default=[], metavar="FILE",
                        help="a lexicon file of yours, loaded after the built-in ones (repeatable)")
    args = parser.parse_args()

    # the Python workers must be an interpreter that can import sinoviet: this one, unless told otherwise
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)

    from pyspark.sql import SparkSession
    from pyspark.sql.functions import from_json

    from toolkit.corpus import spark as ss
    from toolkit.corpus.batch import MentionFinder, Normaliser

    lexicons: tuple[str, ...] = ()
    if args.lexicon:
        from toolkit.lexicon.lexicon import builtin_paths

        # absolute, so the executors find them whatever their working folder
        lexicons = tuple(os.path.abspath(p) for p in (*builtin_paths(), *args.lexicon))
    spark = SparkSession.builder.appName("sinoviet").getOrCreate()
    try:
        files = ss.binary_files(spark, args.source, args.glob)
        pipeline = ss.Chain((
            ss.LineReader(encoding=args.encoding),
            Normaliser(args.tone_style).frames("text", "text_normalised"),
            ss.DocumentLinker(MentionFinder(lexicons, unknown=not args.no_unknown), field="text_normalised"),
        ))
        lines = files.mapInPandas(pipeline, schema=ss.schema("text_normalised", "mentions"))
        # mentions travel as a JSON string (a simple schema); written out as nested JSON
        lines = lines.withColumn("mentions", from_json("mentions", ss.MENTIONS_TYPE))
        lines.write.mode("overwrite").json(args.output)
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
