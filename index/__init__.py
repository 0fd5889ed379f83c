"""Store, full-text index, search and year comparison over ingest's Report records."""
