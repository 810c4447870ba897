"""rasd: Arabic news to structured event data, every field tied to the text."""

__version__ = "0.1.0"
