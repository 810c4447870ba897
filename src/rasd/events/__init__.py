"""Events: PLOVER coding of what the text reports, every field tied to its evidence."""
