"""bahth's search: query parsing, ranking and snippets over the index; knows nothing of Flask."""
