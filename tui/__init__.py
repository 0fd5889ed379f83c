"""The Textual app and the `raingan` command line, thin over index and ingest."""
