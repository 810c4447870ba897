"""Input readers: files, directories and standard input to ``Document`` values.

``iter_documents(paths, settings)`` yields one document per input document (a text or HTML
file, a JSONL line, a feed item, an archived page) in a deterministic order, and a document
with one error for every input it cannot read. It never raises for bad input.
"""

from rasd.sources.decode import Decoded, decode_bytes
from rasd.sources.files import iter_documents

__all__ = ["Decoded", "decode_bytes", "iter_documents"]
