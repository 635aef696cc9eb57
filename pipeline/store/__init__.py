"""The raw store: WARC files of fetched responses and the index that finds them again."""

DEFAULT_MAX_FILE_BYTES = 1 << 30
"""Size at which the store starts a new WARC file. Kept here, away from warcio, for the command's options."""
