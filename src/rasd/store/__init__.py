"""The event store: documents, event reports merged into events, search and exports."""
