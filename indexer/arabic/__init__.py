"""Arabic text analysis as plain functions: no Whoosh here.

The Whoosh wrappers live in ``indexer.analysis``, as Lucene keeps ``ArabicStemmer``
apart from ``ArabicStemFilter``.
"""
