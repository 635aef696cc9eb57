"""The raw store: WARC files of fetched responses and the index that finds them again."""
