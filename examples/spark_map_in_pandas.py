"""Normalise, fold and link a text column on Spark with ``DataFrame.mapInPandas``.

    pip install sinoviet pyspark pandas pyarrow
    python examples/spark_map_in_pandas.py seeds/ out/

The functions shipped to the executors are ``toolkit.corpus.batch`` objects: they pickle as
their settings (a tone style, lexicon paths) and build their tables on the executor, once
per Python worker. ``frames(column, to)`` returns the iterator-of-DataFrames function
that ``mapInPandas`` wants; the schema must list the added column.
"""

from __future__ import annotations

import sys


def main(source: str, output: str) -> None:
    from pyspark.sql import SparkSession

    from toolkit.corpus.batch import Folder, MentionFinder, Normaliser

    spark = SparkSession.builder.appName("sinoviet").getOrCreate()
    # one row per file, as ``sinoviet link`` reads a file: a short form on one line reaches the
    # full name on another (Wang after Wang Ning); a real job reads its own table of documents
    lines = spark.read.text(source, wholetext=True).withColumnRenamed("value", "text")

    normalised = lines.mapInPandas(
        Normaliser("old").frames("text", "text_normalised"), schema="text string, text_normalised string"
    )
    folded = normalised.mapInPandas(
        Folder().frames("text_normalised", "key"), schema="text string, text_normalised string, key string"
    )
    # Mentions as a JSON string column: MentionFinder returns a list of dicts per text.
    linker = MentionFinder(unknown=False)

    def mentions(frames):
        import json

        for frame in frames:
            frame = frame.copy()
            frame["mentions"] = frame["text_normalised"].map(lambda text: json.dumps(linker.apply(text), ensure_ascii=False))
            yield frame

    linked = folded.mapInPandas(
        mentions, schema="text string, text_normalised string, key string, mentions string"
    )
    linked.write.mode("overwrite").json(output)
    spark.stop()


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit("usage: python examples/spark_map_in_pandas.py SOURCE OUTPUT")
    main(sys.argv[1], sys.argv[2])
