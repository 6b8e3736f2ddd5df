"""bahth's indexer: Arabic analysis and the incremental Whoosh index of the seeds folder."""
