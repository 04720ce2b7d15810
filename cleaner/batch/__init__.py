"""Corpus mode (``wirefix batch``): JSON Lines, CSV and folders of stories, streamed.

    command       the click command: options in, ``run.run_batch`` out (imports only click)
    run           reading in chunks, cleaning them in this process or in workers, writing
                  the results in input order
    records       one record in, one record out: the per-record work, a pure function of
                  the record and the options, shared with the Dask integration
    streams       inputs (gzip), outputs that appear under their final name only when the
                  run has finished, and the progress bar
    distributed   the same records on a Dask cluster, byte-identical to ``run``

This package's ``__init__`` imports nothing, so that the command can be registered with the
CLI without loading the batch machinery.
"""
