"""Grounding: places to coordinates and precision codes, actors to the knowledge base."""
