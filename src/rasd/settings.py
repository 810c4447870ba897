"""Settings: every option of a run in one picklable object, built at the edge, passed down."""

from __future__ import annotations

from dataclasses import dataclass

# The longest article in the ANERcorp and GSR news corpora is under 20,000 characters;
# a book-length 1,000,000 leaves room for long reports and transcripts while keeping the
# memory one document can take (4 bytes a character at worst) to a few megabytes.
DEFAULT_MAX_CHARS = 1_000_000


@dataclass(frozen=True, slots=True)
class Settings:
    max_chars: int = DEFAULT_MAX_CHARS
    published: str | None = None  # ISO date for documents that carry none
    include_tokens: bool = False  # write tokens (with clitics) into output records
    ner_model: str | None = None  # a CRF model file; None: the one shipped in resources/

    def __post_init__(self) -> None:
        if self.max_chars < 1:
            raise ValueError(f"max_chars must be positive, got {self.max_chars}")

    @property
    def max_bytes(self) -> int:
        """No encoding takes more than 4 bytes a character, so larger inputs are too large."""
        return 4 * self.max_chars
