"""The corpus engine: files and folders in, pieces through processors on every core, results out.

``sources`` finds the inputs (files, folders, stdin), ``streaming`` cuts them into pieces on
line boundaries and decodes them, ``processors`` say what is done with a piece (normalise, fold,
link), ``runner`` runs pieces on a worker pool and writes each output atomically (``atomic``)
while ``progress`` reports; ``batch`` and ``dask`` carry the same processors to pandas, Dask
and Spark. The CLI and the search index both use it; it imports neither.
"""
