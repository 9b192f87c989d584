"""How results are computed and kept: the process pool and its batches, the on-disk cache and its
versions, load-once tables, the index (`storylens index`), its corpus-wide step, and the Dask cluster.

Nothing here analyses text; the analyses live beside this package and are run through it.
"""
